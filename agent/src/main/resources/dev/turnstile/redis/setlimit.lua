-- SETLIMIT(epoch, provider or '' for the global limit, limit): a runtime limit change for the
-- whole fleet. Raising admits waiters at once; lowering cuts nothing, the excess drains.
local epoch, id, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
if not epoch_ok(epoch) then return { 'EPOCH' } end
local cfg = G_CFG
if id ~= '' then
  cfg = pkey(id, 'cfg')
  redis.call('SADD', P .. 'providers', id)
end
local old = limit_of(cfg)
redis.call('HSET', cfg, 'limit', limit)
local granted
if id ~= '' then granted = dispatch(id) else granted = dispatch_all() end
return { 'LIMIT', old, limit, granted }

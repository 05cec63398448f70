-- SETLIMIT(epoch, provider or '' for the global limit, limit, mode): a runtime limit change for the
-- whole fleet, an operator's word that ends any adaptive lowering. Raising admits waiters at once;
-- lowering cuts nothing, the excess drains. Mode 'NX' only seeds a limit the fleet has not got yet.
local epoch, id, limit, mode = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if not epoch_ok(epoch) then return { 'EPOCH' } end
local cfg = G_CFG
if id ~= '' then
  cfg = pkey(id, 'cfg')
  redis.call('SADD', P .. 'providers', id)
end
local old = limit_of(cfg)
if mode == 'NX' and redis.call('HEXISTS', cfg, 'limit') == 1 then return { 'LIMIT', old, old, 0 } end
redis.call('HSET', cfg, 'limit', limit)
redis.call('HDEL', cfg, 'eff')
local granted
if id ~= '' then granted = dispatch(id) else granted = dispatch_all() end
return { 'LIMIT', old, limit, granted }

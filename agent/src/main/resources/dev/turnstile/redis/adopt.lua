-- ADOPT(epoch, inc, provider, count, maxHoldMs, seedLimit): a rejoining JVM's calls still in flight
-- become holders of its new incarnation, even above the limit (the excess drains), so that the
-- fleet counts them again and nothing is counted twice (the former incarnation was purged).
local epoch, inc, id, count = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local max_hold, seed = ARGV[5], ARGV[6]
if not epoch_ok(epoch) then return { 'EPOCH' } end
if not lease_ok(inc) then return { 'LEASE_LOST' } end
redis.call('SADD', P .. 'providers', id)
redis.call('HSETNX', pkey(id, 'cfg'), 'limit', seed)
redis.call('HSETNX', pkey(id, 'cfg'), 'maxHoldMs', max_hold)
local out = { 'ADOPTED' }
for i = 1, count do
  local member = string.format('%016d', redis.call('INCR', P .. 'seq')) .. '|' .. id .. '|' .. inc .. '#a' .. i
  hold(id, member)
  out[#out + 1] = member
end
return out

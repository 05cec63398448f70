-- Shared by every script (prepended by RedisScripts). KEYS[1] is the namespace prefix "ts:{ns}:";
-- the hash tag puts every key of the namespace in one cluster slot, so the others are derived here.
local P = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local function pkey(id, part) return P .. 'p:' .. id .. ':' .. part end
local G_HOLDERS, G_WAITERS, G_CFG = P .. 'g:holders', P .. 'g:waiters', P .. 'g:cfg'

-- A member is "<seq, 16 digits>|<provider>|<incarnation>#<n>": order ties by arrival, then owner.
local function provider_of(member) return string.match(member, '^%d+|([^|]*)|') end
local function owner_of(member) return string.match(member, '^%d+|[^|]*|(.*)#[^#]*$') end

local function epoch_ok(epoch) return redis.call('GET', P .. 'epoch') == epoch end
local function lease_ok(inc)
  local deadline = redis.call('ZSCORE', P .. 'jvms', inc)
  return deadline and tonumber(deadline) >= now
end
local function lease_ms() return tonumber(redis.call('GET', P .. 'lease') or '10000') end

local function limit_of(cfg) return tonumber(redis.call('HGET', cfg, 'limit') or '0') end
-- The limit in force: the operator's, or lower ('eff') while the fleet recovers from rate limits.
local function effective_of(cfg)
  local limit = limit_of(cfg)
  local eff = tonumber(redis.call('HGET', cfg, 'eff') or '0')
  if limit > 0 and eff > 0 and eff < limit then return eff end
  return limit
end
local function paused(id) return redis.call('EXISTS', pkey(id, 'pause')) == 1 end
local function has_room(id)
  local limit = effective_of(pkey(id, 'cfg'))
  return limit <= 0 or redis.call('ZCARD', pkey(id, 'holders')) < limit
end
local function global_room()
  local limit = limit_of(G_CFG)
  return limit <= 0 or redis.call('ZCARD', G_HOLDERS) < limit
end

-- When Redis takes the slots back from a permit nobody released: max-hold plus two leases.
local function deadline(id)
  local hold = tonumber(redis.call('HGET', pkey(id, 'cfg'), 'maxHoldMs') or '0')
  if hold <= 0 then return 'inf' end
  return now + hold + 2 * lease_ms()
end

local function hold(id, member)
  local d = deadline(id)
  redis.call('ZADD', pkey(id, 'holders'), d, member)
  redis.call('ZADD', G_HOLDERS, d, member)
end

-- Hands a queued member its slots and tells its JVM through that JVM's grant list.
local function grant(id, member)
  redis.call('ZREM', pkey(id, 'waiters'), member)
  redis.call('ZREM', G_WAITERS, member)
  hold(id, member)
  local list = P .. 'jvm:' .. owner_of(member) .. ':grants'
  redis.call('RPUSH', list, member)
  redis.call('PEXPIRE', list, 2 * lease_ms())
end

-- Slots whose holder outlived its deadline (or whose cooldown ended) go back.
local function drop_expired(holders)
  local gone = redis.call('ZRANGEBYSCORE', holders, '-inf', now)
  for _, member in ipairs(gone) do
    redis.call('ZREM', holders, member)
    redis.call('ZREM', G_HOLDERS, member)
  end
end

-- While there is room, the oldest turn first. Under a global limit, the walk goes over every
-- provider's waiters in one order and skips those whose provider is paused or full.
local function dispatch(id)
  local granted = 0
  -- First this provider's own expired holders: under a global limit they also hold global slots.
  drop_expired(pkey(id, 'holders'))
  if limit_of(G_CFG) > 0 then
    local head = redis.call('ZRANGE', G_WAITERS, 0, 31)
    for _, member in ipairs(head) do
      if not global_room() then break end
      local q = provider_of(member)
      drop_expired(pkey(q, 'holders'))
      if not paused(q) and has_room(q) then
        grant(q, member)
        granted = granted + 1
      end
    end
    return granted
  end
  while not paused(id) and has_room(id) do
    local head = redis.call('ZRANGE', pkey(id, 'waiters'), 0, 0)
    if #head == 0 then break end
    grant(id, head[1])
    granted = granted + 1
  end
  return granted
end

local function dispatch_all()
  local granted = 0
  for _, id in ipairs(redis.call('SMEMBERS', P .. 'providers')) do granted = granted + dispatch(id) end
  return granted
end

-- Removes every entry of one JVM incarnation: holders, waiters, grant list, lease.
local function purge(inc)
  local mine = '|' .. inc .. '#'
  local keys = { G_HOLDERS, G_WAITERS }
  for _, id in ipairs(redis.call('SMEMBERS', P .. 'providers')) do
    keys[#keys + 1] = pkey(id, 'holders')
    keys[#keys + 1] = pkey(id, 'waiters')
  end
  local removed = 0
  for _, key in ipairs(keys) do
    for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
      if string.find(member, mine, 1, true) then
        removed = removed + redis.call('ZREM', key, member)
      end
    end
  end
  redis.call('DEL', P .. 'jvm:' .. inc .. ':grants')
  redis.call('ZREM', P .. 'jvms', inc)
  return removed
end

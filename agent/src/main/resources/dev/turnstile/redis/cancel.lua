-- CANCEL(epoch, provider, member): a waiter gives up (timeout, interrupt, cancel). If it was
-- granted meanwhile, its slots go back at once.
local epoch, id, member = ARGV[1], ARGV[2], ARGV[3]
if not epoch_ok(epoch) then return { 'EPOCH' } end
redis.call('ZREM', G_WAITERS, member)
if redis.call('ZREM', pkey(id, 'waiters'), member) == 1 then return { 'WITHDRAWN', dispatch(id) } end
local held = redis.call('ZREM', pkey(id, 'holders'), member)
redis.call('ZREM', G_HOLDERS, member)
if held == 1 then return { 'WAS_GRANTED', dispatch(id) } end
return { 'GONE', 0 }

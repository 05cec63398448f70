-- JOIN(epochCandidate, inc, leaseMs, oldInc): registers an incarnation of a JVM, setting the dataset's
-- epoch if Redis has none (first JVM, or Redis lost its data); purges the JVM's former incarnation.
local candidate, inc, lease, old = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
redis.call('SET', P .. 'epoch', candidate, 'NX')
redis.call('SET', P .. 'lease', lease)
if old ~= '' then purge(old) end
redis.call('ZADD', P .. 'jvms', now + lease, inc)
dispatch_all()
return { redis.call('GET', P .. 'epoch'), now }

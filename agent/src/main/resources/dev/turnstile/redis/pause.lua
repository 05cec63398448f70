-- PAUSE(epoch, provider, durationMs): holds the provider's queue until Redis now + duration, or
-- longer if a running pause already ends later: a pause is never shortened.
local epoch, id, duration = ARGV[1], ARGV[2], tonumber(ARGV[3])
if not epoch_ok(epoch) then return { 'EPOCH' } end
local key = pkey(id, 'pause')
local untl = now + duration
local running = tonumber(redis.call('GET', key) or '0')
-- A pause that begins (none running) is a new episode: rate limits within it lower the limit once.
if running == 0 and untl > now then redis.call('HINCRBY', pkey(id, 'cfg'), 'pauses', 1) end
if running > untl then untl = running end
if untl > now then redis.call('SET', key, untl, 'PXAT', untl) end
return { 'PAUSED', untl }

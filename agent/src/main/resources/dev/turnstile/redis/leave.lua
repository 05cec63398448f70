-- LEAVE(inc): a clean shutdown; the JVM's slots go to other JVMs' waiters at once.
local removed = purge(ARGV[1])
dispatch_all()
return { 'LEFT', removed }

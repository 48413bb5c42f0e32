-- Cancels timers, or marks fired ones done. KEYS: 1 due, 2 claimed, 3 due-at. ARGV: the timers' keys.
for i = 1, #ARGV do
  redis.call('ZREM', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[3], ARGV[i])
end
return #ARGV

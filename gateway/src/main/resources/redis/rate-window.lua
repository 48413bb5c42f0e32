-- Counts one request in a window; the window's key expires (ARGV[1] seconds) soon after it closes.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return count

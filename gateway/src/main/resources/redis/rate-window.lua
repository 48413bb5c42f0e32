-- Counts one request in the caller's current one-second window; the window's key expires soon after it closes.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], 2)
end
return count

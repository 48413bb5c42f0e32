-- Stores a batch of fixes as units' latest positions and appends each accepted fix to the positions stream,
-- atomically, so an acknowledged fix is always both in the live state and on the stream.
-- KEYS: 1 GEO set, 2 fix hash (id -> "recordedAtMillis|meta"), 3 org hash (id -> org code), 4 positions stream,
--       5 stale set (a fix clears the mark)
-- ARGV: per fix 7 values: unit id, lon, lat, recordedAtMillis, meta, org code, serialised event
-- Returns {accepted, out_of_order, id, recordedAtMillis, ...} with each accepted fix's unit and time. A fix not newer
-- than the unit's stored one is dropped (replays are harmless).
local accepted, outOfOrder = 0, 0
local result = {0, 0}
for i = 1, #ARGV, 7 do
  local id, lon, lat, at = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  local previous = redis.call('HGET', KEYS[2], id)
  local previousAt = previous and tonumber(string.match(previous, '^(%d+)'))
  if previousAt and previousAt >= at then
    outOfOrder = outOfOrder + 1
  else
    redis.call('GEOADD', KEYS[1], lon, lat, id)
    redis.call('HSET', KEYS[2], id, ARGV[i + 3] .. '|' .. ARGV[i + 4])
    redis.call('HSET', KEYS[3], id, ARGV[i + 5])
    redis.call('XADD', KEYS[4], '*', 'event', ARGV[i + 6])
    redis.call('SREM', KEYS[5], id)
    accepted = accepted + 1
    result[#result + 1] = id
    result[#result + 1] = ARGV[i + 3]
  end
end
result[1], result[2] = accepted, outOfOrder
return result

-- Mirrors units' states from PostgreSQL; a state older than the one held (by version) is ignored, so concurrent
-- writers cannot leave an older state behind.
-- KEYS: 1 state hash, 2 stale set. ARGV: per unit 3 values: unit id, version, "version|status|forceType|armed|vehicle|org".
-- An off-duty unit leaves the stale set (it is not expected to report).
local written = 0
for i = 1, #ARGV, 3 do
  local id, version = ARGV[i], tonumber(ARGV[i + 1])
  local held = redis.call('HGET', KEYS[1], id)
  local heldVersion = held and tonumber(string.match(held, '^(%d+)'))
  if not heldVersion or heldVersion < version then
    redis.call('HSET', KEYS[1], id, ARGV[i + 2])
    if string.find(ARGV[i + 2], '|OFF_DUTY|', 1, true) then
      redis.call('SREM', KEYS[2], id)
    end
    written = written + 1
  end
end
return written

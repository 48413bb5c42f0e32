-- The live picture of a subtree: every unit of the province whose organisation code starts with the prefix and that
-- has a live position.
-- KEYS: 1 GEO set, 2 org hash, 3 fix hash, 4 stale set
-- ARGV: 1 organisation code prefix
-- Returns a list of {unit id, lon, lat, fix metadata, stale (0/1)}.
local orgs = redis.call('HGETALL', KEYS[2])
local prefix = ARGV[1]
local found = {}
for i = 1, #orgs, 2 do
  if string.sub(orgs[i + 1], 1, #prefix) == prefix then
    local at = redis.call('GEOPOS', KEYS[1], orgs[i])[1]
    if at then
      found[#found + 1] = {orgs[i], at[1], at[2], redis.call('HGET', KEYS[3], orgs[i]) or '', redis.call('SISMEMBER', KEYS[4], orgs[i])}
    end
  end
end
return found

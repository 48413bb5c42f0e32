-- Units whose live position lies in a box, with what coverage and zone listings need to filter them.
-- KEYS: 1 GEO set, 2 org hash, 3 fix hash, 4 state hash, 5 stale set
-- ARGV: 1 centre lon, 2 centre lat, 3 width m, 4 height m
-- Returns a list of {unit id, lon, lat, org code, fix metadata, state, stale (0/1)}.
local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYBOX', ARGV[3], ARGV[4], 'm', 'WITHCOORD')
local found = {}
for _, hit in ipairs(hits) do
  local id = hit[1]
  found[#found + 1] = {id, hit[2][1], hit[2][2], redis.call('HGET', KEYS[2], id) or '',
    redis.call('HGET', KEYS[3], id) or '', redis.call('HGET', KEYS[4], id) or '', redis.call('SISMEMBER', KEYS[5], id)}
end
return found

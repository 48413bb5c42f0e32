-- Units within a radius, nearest first, keeping only those whose organisation code starts with the scope prefix.
-- KEYS: 1 GEO set, 2 org hash, 3 fix hash
-- ARGV: lon, lat, radius in metres, limit, scope prefix ("" for everything)
-- Returns a list of {unit id, distance m, lon, lat, fix metadata}.
local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'm',
  'ASC', 'WITHDIST', 'WITHCOORD')
local limit, prefix = tonumber(ARGV[4]), ARGV[5]
local found = {}
for _, hit in ipairs(hits) do
  local id = hit[1]
  local org = redis.call('HGET', KEYS[2], id)
  if org and string.sub(org, 1, #prefix) == prefix then
    found[#found + 1] = {id, hit[2], hit[3][1], hit[3][2], redis.call('HGET', KEYS[3], id) or ''}
    if #found >= limit then
      break
    end
  end
end
return found

-- Units within a radius, nearest first, keeping those in scope that pass the filters.
-- KEYS: 1 GEO set, 2 org hash, 3 fix hash, 4 state hash, 5 stale set
-- ARGV: 1 lon, 2 lat, 3 radius m, 4 limit, 5 scope prefix ("" for everything), 6 only available (1/0),
--       7 minimum armed count, 8 fresh-since millis (fixes older are stale), 9 force types ",A,B," ("" for any)
-- Returns a list of {unit id, distance m, lon, lat, fix metadata}.
local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'm',
  'ASC', 'WITHDIST', 'WITHCOORD')
local limit, prefix = tonumber(ARGV[4]), ARGV[5]
local onlyAvailable, minArmed, freshSince, forceTypes = ARGV[6] == '1', tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[9]
local filtered = onlyAvailable or minArmed > 0 or forceTypes ~= ''
local found = {}
for _, hit in ipairs(hits) do
  local id = hit[1]
  local org = redis.call('HGET', KEYS[2], id)
  local keep = org and string.sub(org, 1, #prefix) == prefix
  local fix = keep and (redis.call('HGET', KEYS[3], id) or '') or ''
  if keep and filtered then
    -- state: version|status|forceType|armed|vehicle|org
    local state = redis.call('HGET', KEYS[4], id)
    if not state then
      keep = false
    else
      local _, status, force, armed = string.match(state, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|')
      if onlyAvailable then
        local at = tonumber(string.match(fix, '^(%d+)')) or 0
        keep = status == 'AVAILABLE' and at >= freshSince and redis.call('SISMEMBER', KEYS[5], id) == 0
      end
      keep = keep and tonumber(armed) >= minArmed
      keep = keep and (forceTypes == '' or string.find(forceTypes, ',' .. force .. ',', 1, true) ~= nil)
    end
  end
  if keep then
    found[#found + 1] = {id, hit[2], hit[3][1], hit[3][2], fix}
    if #found >= limit then
      break
    end
  end
end
return found

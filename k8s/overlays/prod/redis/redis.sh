#!/bin/sh
# Starts Redis as a replica of the master the sentinels name; in a new set, redis-0 starts as the master.
set -eu
self="$(hostname).redis-headless"
master=""
for peer in redis-0 redis-1 redis-2; do
  master=$(redis-cli -h "$peer.redis-headless" -p 26379 -a "$REDIS_PASSWORD" --no-auth-warning \
    sentinel get-master-addr-by-name fangkong 2>/dev/null | head -n 1) || true
  [ -n "$master" ] && break
done
[ -n "$master" ] || master="redis-0.redis-headless"
set -- /run/redis/redis.conf
cat > /run/redis/redis.conf <<CONF
dir /data
appendonly yes
appendfsync everysec
maxmemory-policy noeviction
requirepass $REDIS_PASSWORD
masterauth $REDIS_PASSWORD
replica-announce-ip $self
CONF
if [ "$master" != "$self" ]; then
  echo "replicaof $master 6379" >> /run/redis/redis.conf
fi
exec redis-server "$@"

#!/bin/sh
# Starts Redis as a replica of the master the sentinels name; in a new set, redis-0 starts as the master.
set -eu
. /scripts/master.sh
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

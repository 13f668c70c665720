"""Fan-out transport between server processes: in memory for one, Redis pub/sub for several.

A broker carries (key, payload) pairs, where key names a hub group ("user:<id>",
"device:<id>") and payload is the hub's encoded text. Every process receives every payload
and the local hub delivers it to its own members.
"""

import logging

import gevent

log = logging.getLogger(__name__)
CHANNEL_PREFIX = "tapcast:"
RECONNECT_MAX_SECONDS = 10


class MemoryBroker:
    """One process: publishing is delivering."""

    def __init__(self):
        self.deliver = None

    def start(self, deliver):
        self.deliver = deliver

    def publish(self, key, payload):
        if self.deliver is not None:
            self.deliver(key, payload)


class RedisBroker:
    """Several processes: PUBLISH to tapcast:<key>, one PSUBSCRIBE listener per process."""

    def __init__(self, url):
        import redis

        self.redis = redis
        self.client = redis.Redis.from_url(url, socket_connect_timeout=5)
        self.deliver = None
        self.listener = None

    def start(self, deliver):
        """Subscribe now (a process that answers requests already hears), listen in a greenlet."""
        self.deliver = deliver
        self.listener = gevent.spawn(self.listen, self.subscribe())

    def subscribe(self):
        pubsub = self.client.pubsub(ignore_subscribe_messages=True)
        pubsub.psubscribe(CHANNEL_PREFIX + "*")
        return pubsub

    def listen(self, pubsub):
        delay = 0.5
        while True:
            try:
                for message in pubsub.listen():
                    delay = 0.5
                    self.dispatch(message)
            except self.redis.RedisError as exc:
                log.warning("redis broker lost its subscription (%s); retrying in %.1fs", exc,
                            delay)
            gevent.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)
            try:
                pubsub = self.subscribe()
            except self.redis.RedisError:
                continue

    def dispatch(self, message):
        if message.get("type") != "pmessage":
            return
        key = message["channel"].decode("utf-8")[len(CHANNEL_PREFIX):]
        try:
            self.deliver(key, message["data"].decode("utf-8"))
        except Exception:
            log.exception("delivering a broker message failed")

    def publish(self, key, payload):
        self.client.publish(CHANNEL_PREFIX + key, payload)


def make_broker(redis_url):
    """The broker for this configuration: Redis when REDIS_URL is set."""
    return RedisBroker(redis_url) if redis_url else MemoryBroker()

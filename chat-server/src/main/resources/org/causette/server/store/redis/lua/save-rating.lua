-- A rating replaces the previous one of the conversation. KEYS: rating, ratings. ARGV: json, score, conversation id.
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1

# The short day make check runs (tests/soak/record_day.sh): eight faked
# hours at 600 times the speed (about 50 s), a sample a minute, --keep 3h
# and --max-size 128K. make soak-record runs the whole day.
DAY_HOURS=8 DAY_SPEED=600 DAY_DELAY=60 DAY_KEEP_H=3 DAY_MAX_KB=128 \
	exec sh tests/soak/record_day.sh

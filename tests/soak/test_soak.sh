# The short soak make check runs (tests/soak/soak.sh for SOAK_CHECK_SECS,
# default 90): the explorer at -d 0.1 through every tab under churn, RSS
# and descriptors flat, nothing left attached. make soak runs the long one.
SOAK_SECS=${SOAK_CHECK_SECS:-90} exec sh tests/soak/soak.sh

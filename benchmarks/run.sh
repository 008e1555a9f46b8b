#!/usr/bin/env bash
# Builds the policy module and the JMH benchmarks, then runs DecisionBenchmark with settings
# sized for a small (2-core) machine. Extra arguments go to JMH, e.g.:
#   benchmarks/run.sh                      # all benchmarks, p50 + average, with -prof gc
#   benchmarks/run.sh '.*decide$'          # one benchmark
#   SKIP_BUILD=1 benchmarks/run.sh         # reuse benchmarks/target/benchmarks.jar
#   benchmarks/run.sh files                # file opens outside datasets, without and with the agent
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  # The reactor build is the normal way; if a sibling module is mid-change and breaks the
  # reactor, build just our two modules against the installed parent instead.
  if ! mvn -q -pl benchmarks -am package -DskipTests; then
    echo "reactor build failed; building policies and benchmarks on their own" >&2
    mvn -q -N install
    mvn -q -f policies/pom.xml install -DskipTests
    mvn -q -f benchmarks/pom.xml package
  fi
fi

if [[ "${1:-}" == "files" ]]; then
  # Two JMH runs in one invocation (no agent, then the real agent jar) and a side-by-side table.
  # "files --no-escape-analysis" makes every allocation count, for an exact B/op comparison.
  shift
  exec java -cp benchmarks/target/benchmarks.jar dev.cordon.benchmarks.FileOpenComparison agent/target/cordon-agent.jar "$@"
fi

filter="DecisionBenchmark"
if [[ $# -gt 0 && "$1" != -* ]]; then
  filter="$1"
  shift
fi

java -jar benchmarks/target/benchmarks.jar "$filter" \
  -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 \
  -prof gc \
  -rf json -rff benchmarks/target/jmh-result.json \
  "$@"

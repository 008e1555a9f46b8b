#!/usr/bin/env bash
# Runs the "support assistant" demo under the Cordon agent, then shows and verifies the audit log.
# Works from any directory: everything is resolved from this script's own folder.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
AGENT="${CORDON_AGENT_JAR:-../agent/target/cordon-agent.jar}"  # override to try another build
AUDIT=cordon-audit.jsonl

# SKIP_BUILD=1 reuses what the last build produced (quicker reruns).
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== Building (mvn -q -DskipTests install from the repository root)"
  (cd .. && mvn -q -DskipTests install)
fi

# A fresh log per run, so the hash chain and the entries shown are this run's only.
rm -f "$AUDIT"

if [[ ! -f "$AGENT" ]]; then
  echo "WARNING: $AGENT was not built; running WITHOUT Cordon (every call will be allowed)." >&2
  java -cp "target/classes:$(cat target/classpath.txt)" com.acme.demo.DemoMain
  exit 0
fi

echo "== Running the demo with -javaagent:$AGENT (policy: $(pwd)/cordon.yaml)"
java -javaagent:"$AGENT" -cp "target/classes:$(cat target/classpath.txt)" com.acme.demo.DemoMain

echo
echo "== Audit log ($(pwd)/$AUDIT)"
if [[ -f "$AUDIT" ]]; then
  if command -v python3 >/dev/null 2>&1; then
    # one line per entry, the fields that tell the story; the raw JSON lines follow
    python3 -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    red = ",".join("%s=%s" % kv for kv in (e.get("redactions") or {}).items())
    use = e.get("usage") or {}
    print("%3s %-28s %-12s %-14s %-26s %-6s %-9s rule=%s%s%s" % (e["seq"], e["action"], e.get("principal", ""),
          e.get("mode", ""), e.get("resource", ""), e.get("decision", ""), e.get("outcome", ""), e.get("rule") or "-",
          (" redactions=" + red) if red else "",
          (" tokens=%s/%s" % (use.get("input_tokens"), use.get("output_tokens"))) if use else ""))' "$AUDIT"
    echo
    echo "-- raw JSON lines (each ends with prev and hash: the chain)"
    cat "$AUDIT"
  else
    cat "$AUDIT"
  fi
else
  echo "(no audit log was written)"
fi

echo
echo "== Verifying the audit log's hash chain"
java -jar "$AGENT" audit verify "$AUDIT"

"""Provider-state hook for the live-verification tests: writes sdk_server.py's --state-file.

Usage: set_weather_state.py STATE_FILE. Reads {"state": name, "params": {...}} on stdin, checks
that ACCORD_PROVIDER_STATE / ACCORD_PROVIDER_STATE_PARAMS say the same, then:
  "it is snowing"  -> forecast from params (temperature_c, conditions, humidity)
  "fair weather"   -> empties the state file (the server's defaults)
  "broken"         -> complains on stderr and exits 3
  "slow"           -> sleeps far longer than any test's timeout
"""
import json
import os
import sys
import time

state_file = sys.argv[1]
request = json.load(sys.stdin)
name, params = request["state"], request["params"]
if os.environ.get("ACCORD_PROVIDER_STATE") != name or json.loads(os.environ.get("ACCORD_PROVIDER_STATE_PARAMS", "null")) != params:
    print("environment and stdin disagree", file=sys.stderr)
    sys.exit(4)
if name == "it is snowing":
    forecast = {"temperature_c": -3, "conditions": "snow", "humidity": 90}
    forecast.update(params)
    with open(state_file, "w", encoding="utf-8") as handle:
        json.dump({"forecast": forecast}, handle)
elif name == "fair weather":
    with open(state_file, "w", encoding="utf-8") as handle:
        json.dump({}, handle)
elif name == "broken":
    print("setting up the weather station", file=sys.stderr)
    print(f"no such station: {params.get('station')}", file=sys.stderr)
    sys.exit(3)
elif name == "slow":
    time.sleep(60)
else:
    print(f"unknown state {name!r}", file=sys.stderr)
    sys.exit(2)

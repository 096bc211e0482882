# Test helper: what zsh offers on TAB at the end of a command line, with a completion script loaded.
# Drives an interactive `zsh -f` through zsh/zpty (compinit, the script, a compadd that also notes each
# candidate), types the line and a TAB, and prints the candidates, sorted, one per line.
# Usage: zsh -f sandbox/zsh_complete.zsh SCRIPT 'deploy --ser'
zmodload zsh/zpty
script=$1 line=$2 out=$(mktemp)
zpty z zsh -f -i
zpty -w z "PS1=''; autoload -U compinit; compinit -u -D; source ${(q)script}"
zpty -w z "compadd() { builtin compadd \"\$@\"; local -a w; builtin compadd -O w \"\$@\"; (( \$#w )) && print -rl -- \$w >> ${(q)out}; }"
zpty -w z "zstyle ':completion:*' menu no; print -r -- READY >> ${(q)out}"
for i in {1..100}; do grep -q READY $out && break; sleep 0.1; done
: > $out
zpty -w -n z "$line"$'\t'
# Candidates arrive at once after the TAB; wait for the first, then a moment for the rest.
for i in {1..100}; do [[ -s $out ]] && break; sleep 0.1; done
sleep 0.3
zpty -d z
sort -u $out
rm -f $out

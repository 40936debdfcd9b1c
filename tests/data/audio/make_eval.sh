#!/usr/bin/env bash
# Rebuilds the speech evaluation set from references.tsv with espeak-ng (voices vi and en-us) and sox.
# Sentences: tests/data/audio/references.tsv — Vietnamese ones are quoted from the regulations in
# ../shared/seeds (001, 002, 004), English ones restate the same rules (REQUIREMENTS.md digest).
set -euo pipefail
cd "$(dirname "$0")"
tail -n +2 references.tsv | while IFS=$'\t' read -r file lang text; do
  voice=$([ "$lang" = vi ] && echo vi || echo en-us)
  speed=$([ "$lang" = vi ] && echo 140 || echo 160)
  espeak-ng -v "$voice" -s "$speed" -w "/tmp/$file.wav" "$text"
  # 16 kHz mono FLAC with 0.3 s of silence before and after
  sox -q "/tmp/$file.wav" -r 16000 -c 1 -b 16 "$file" pad 0.3 0.3
  rm -f "/tmp/$file.wav"
done

// Runs the npm peers on sentences for benchmarks/accuracy/run.py.
// Input (stdin): a JSON array of strings. Output (stdout): a JSON array, one object per
// sentence: {"write-good": [[start, end, reason]...], "write-good-wordy": [...],
//            "retext-passive": [[start, end, message]...]}.
// Modules come from benchmarks/node_modules (npm install in benchmarks/).
import {createRequire} from 'node:module'
import {retext} from 'retext'
import retextPassive from 'retext-passive'

const require = createRequire(import.meta.url)
const writeGood = require('write-good')

let input = ''
for await (const chunk of process.stdin) input += chunk
const sentences = JSON.parse(input)
const only = (check) => ({
  passive: false, illusion: false, so: false, thereIs: false, weasel: false,
  adverb: false, tooWordy: false, cliches: false, eprime: false, [check]: true,
})
const processor = retext().use(retextPassive)
const results = []
for (const text of sentences) {
  const passive = writeGood(text, only('passive')).map((s) => [s.index, s.index + s.offset, s.reason])
  const wordy = writeGood(text, only('tooWordy')).map((s) => [s.index, s.index + s.offset, s.reason])
  const file = await processor.process(text)
  const retextHits = file.messages.map((m) => {
    const place = m.place || m.position || {}
    const start = place.start ? place.start.offset : null
    const end = place.end ? place.end.offset : null
    return [start, end, m.reason]
  })
  results.push({'write-good': passive, 'write-good-wordy': wordy, 'retext-passive': retextHits})
}
process.stdout.write(JSON.stringify(results))

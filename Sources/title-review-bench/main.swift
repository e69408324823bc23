// Speed goals of the eligibility engine (see docs/benchmarks.md):
//   ≥ 1,000,000 evaluations/s on one core, in process;
//   ≥ 150,000 profiles/s through `title-review eligibility --jsonl` (parse + evaluate + write).
//
//   swift run -c release title-review-bench [--count 100000] [--seed 2022] [--seconds 2]
//                                           [--write-jsonl PATH]
import Domain
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

struct Options {
    var count = 100_000
    var seed: UInt64 = 2022
    var seconds = 2.0
    var writeJSONL: String?
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ name: String) -> String {
        guard let v = args.popFirst() else { fail("\(name): missing value") }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "--count": o.count = Int(value(a)) ?? o.count
        case "--seed": o.seed = UInt64(value(a)) ?? o.seed
        case "--seconds": o.seconds = Double(value(a)) ?? o.seconds
        case "--write-jsonl": o.writeJSONL = value(a)
        case "-h", "--help":
            print("usage: title-review-bench [--count N] [--seed S] [--seconds T] [--write-jsonl PATH]")
            exit(0)
        default: fail("unknown argument \(a)")
        }
    }
    return o
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Runs `body` (one pass over the input) until `minimum` seconds have passed; returns passes/second.
func measure(minimum: Double, _ body: () -> Void) -> (rate: Double, passes: Int) {
    body()   // warm up
    let clock = ContinuousClock()
    var passes = 0
    let start = clock.now
    var elapsed = 0.0
    repeat {
        body()
        passes += 1
        elapsed = seconds(clock.now - start)
    } while elapsed < minimum
    return (Double(passes) / elapsed, passes)
}

func format(_ x: Double) -> String {
    let n = Int(x.rounded())
    var s = String(n), out = ""
    while s.count > 3 { out = "," + s.suffix(3) + out; s = String(s.dropLast(3)) }
    return s + out
}

let options = parseOptions()
let loadStart = ContinuousClock.now
let policy: Policy
do { policy = try Policy.load(id: "changzhi-2022") } catch { fail("\(error)") }
let loadTime = seconds(ContinuousClock.now - loadStart)
let engine = EligibilityEngine(policy)

var generator = ProfileGenerator(seed: options.seed)
let profiles = (0..<options.count).map { _ in generator.profile() }
var jsonl: [UInt8] = []
jsonl.reserveCapacity(options.count * 1200)
for p in profiles { jsonl.append(contentsOf: ProfileJSON.encode(p)); jsonl.append(0x0A) }

if let path = options.writeJSONL {
    FileManager.default.createFile(atPath: path, contents: Data(jsonl))
    print("wrote \(options.count) profiles (\(jsonl.count / 1_000_000) MB) to \(path)")
}

var verdicts = [0, 0, 0]
for p in profiles { verdicts[Int(engine.evaluate(p).verdict.rawValue)] += 1 }
print("profiles: \(format(Double(options.count))), seed \(options.seed), jsonl \(format(Double(jsonl.count))) bytes")
print("verdicts: eligible \(verdicts[0]), ineligible \(verdicts[1]), manual_review \(verdicts[2])")
print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
print("policy bundle load (with its \(policy.testCases.count) test cases): \(String(format: "%.1f", loadTime * 1000)) ms")

// 1. Evaluation only, one core.
var sink = 0
let evalRate = measure(minimum: options.seconds) {
    for p in profiles { sink &+= engine.evaluate(p).findings.count }
}
print("evaluate, 1 core:                     \(format(evalRate.rate * Double(options.count))) evaluations/s")

// 2. Evaluation with every message rendered, one core.
let renderRate = measure(minimum: options.seconds) {
    for p in profiles { for f in engine.evaluate(p).findings { sink &+= f.message.utf8.count } }
}
print("evaluate + render messages, 1 core:   \(format(renderRate.rate * Double(options.count))) evaluations/s")

// 3. The batch's parts, one core: parsing profiles, writing answers.
var lines: [[UInt8]] = profiles.map { ProfileJSON.encode($0) }
let parseRate = measure(minimum: options.seconds) {
    for l in lines { if let p = try? ProfileJSON.decode(l) { sink &+= p.assessments.count } }
}
print("parse profile JSON, 1 core:           \(format(parseRate.rate * Double(options.count))) profiles/s")
let answers = profiles.map { engine.evaluate($0) }
let encodeRate = measure(minimum: options.seconds) {
    for a in answers { sink &+= AnswerJSON.encode(a).count }
}
print("write answer JSON, 1 core:            \(format(encodeRate.rate * Double(options.count))) answers/s")
lines = []

// 4. Batch jsonl: parse + evaluate + write answers.
for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
    var bytes = 0
    let rate = measure(minimum: options.seconds) {
        do { bytes = try EligibilityBatch.run(jsonl, format: .jsonLines, engine: engine, threads: threads).count } catch {
            fail("\(error)")
        }
    }
    let mb = Double(jsonl.count + bytes) * rate.rate / 1e6
    print("batch --jsonl, \(threads) thread(s):             \(format(rate.rate * Double(options.count))) profiles/s (\(format(mb)) MB/s in+out)")
}
if sink == 42 { print("") }

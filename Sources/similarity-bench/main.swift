// similarity-bench: the paper duplication check's speed and accuracy (issue 10, item 5).
//
//   swift build -c release --product similarity-bench && .build/release/similarity-bench
//   .build/release/similarity-bench --papers 10000,100000 --queries 300 --seed 7
//
// Generates synthetic Chinese papers (about 5,000 normalized characters each, words
// drawn from a skewed vocabulary over common characters, punctuation, paragraphs, a
// few Latin terms and digits, and a reference list drawn from a shared pool), indexes
// them, then checks query papers with known copied shares: passages spliced in from
// corpus papers and re-rendered with different spacing, punctuation, case and
// full-width letters and digits, which normalization must undo. Reports index build
// throughput (MB/s of UTF-8 text, one core), resident memory, query latency p50/p95
// (normalization included) and the worst difference between the measured copy ratio
// and the known share. Not a test: numbers go to docs/similarity.md.

import Similarity

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: random numbers

/// SplitMix64: small, fast, and seeded, so every run generates the same papers.
struct Random {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

// MARK: the synthetic language

/// About 500 of the most frequent Chinese characters.
let commonCharacters = Array("""
的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所\
民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那\
社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通\
并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区\
强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清\
己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步\
群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团\
往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县\
局照参红细引听该铁价严龙飞齿轮轴承焊接钢筋混凝土梁柱桥隧泵阀管控测检维护修故障传感器电机变压线缆网络数据软件硬件系统平台模\
型算法仿真优化设计施工监理验收质量安全环境节能降耗排放监测自动智能
""".unicodeScalars.map(\.value))

/// Latin terms and numbers as papers write them (stored normalized: lower case, digits).
let latinTerms = ["plc", "cad", "bim", "gis", "scada", "q345", "c30", "hrb400", "gb50010", "2019", "2020", "2021",
                  "35kv", "110kv", "matlab", "ansys", "pid", "led", "gps", "iot"].map { Array($0.unicodeScalars.map(\.value)) }

/// A vocabulary of 20,000 words of one to four characters, used with a Zipf-like
/// law (exponent 0.8): frequent words recur across papers as in real text, so
/// short k-grams are shared widely and posting lists are not trivially short.
struct Vocabulary {
    let words: [[UInt32]]
    let cumulative: [Double]

    init(seed: UInt64, size: Int = 20_000, exponent: Double = 0.8) {
        var random = Random(seed: seed)
        var words: [[UInt32]] = []
        for i in 0..<size {
            if i % 97 == 13 { words.append(latinTerms[random.below(latinTerms.count)]); continue }
            let roll = random.below(100)
            let length = roll < 12 ? 1 : roll < 72 ? 2 : roll < 84 ? 3 : 4
            words.append((0..<length).map { _ in commonCharacters[random.below(commonCharacters.count)] })
        }
        self.words = words
        var sum = 0.0
        var cumulative: [Double] = []
        for rank in 1...size { sum += 1 / pow(Double(rank), exponent); cumulative.append(sum) }
        self.cumulative = cumulative.map { $0 / sum }
    }

    func word(_ random: inout Random) -> [UInt32] {
        let u = random.unit()
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return words[low]
    }
}

nonisolated(unsafe) var vocabulary = Vocabulary(seed: 0x5EED, size: 1, exponent: 0.8)

/// A paper's body as normalized characters, with word boundaries (for rendering).
struct Body {
    var characters: [UInt32] = []
    var wordEnds: [Int] = []
}

func body(seed: UInt64, length: Int) -> Body {
    var random = Random(seed: seed)
    var b = Body()
    b.characters.reserveCapacity(length + 8)
    while b.characters.count < length {
        b.characters.append(contentsOf: vocabulary.word(&random))
        b.wordEnds.append(b.characters.count)
    }
    return b
}

/// A shared pool of reference entries: many papers cite the same works.
let referencePool: [String] = {
    var random = Random(seed: 0xBEEF)
    return (0..<400).map { i in
        let title = String(String.UnicodeScalarView((0..<(14 + random.below(16))).map {
            _ in Unicode.Scalar(commonCharacters[random.below(commonCharacters.count)])! }))
        return "王\(i % 50)某, 李\(i % 17)某. \(title)[J]. 工程学报, \(2000 + i % 22), \(i % 40 + 1)(\(i % 12 + 1)): \(i * 3 + 10)-\(i * 3 + 17)."
    }
}()

/// Renders normalized characters as a paper's text: punctuation after some words,
/// paragraphs, and in `perturbed` mode the variants normalization must undo (spaces
/// inside words, full-width digits and letters, upper case, different punctuation).
func render(_ characters: [UInt32], wordEnds: [Int], seed: UInt64, perturbed: Bool,
            title: String, references: Int) -> String {
    var random = Random(seed: seed)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: title.unicodeScalars)
    out.append("\n")
    var endIndex = 0
    let punctuation: [Unicode.Scalar] = perturbed ? [",", ".", ";", "!", " ", "、", "“", "”", "（", "）", "—"]
                                                  : ["，", "。", "；", "：", "、", "“", "”"]
    for (i, c) in characters.enumerated() {
        var scalar = Unicode.Scalar(c)!
        if c < 0x80 {
            let isLetter = c >= 0x61 && c <= 0x7A
            if perturbed && random.chance(0.5) {
                // Full-width form, upper case half of the time for letters.
                let base = isLetter && random.chance(0.5) ? c - 0x20 : c
                scalar = Unicode.Scalar(base + 0xFEE0)!
            } else if isLetter && random.chance(0.3) {
                scalar = Unicode.Scalar(c - 0x20)!
            }
        }
        out.append(scalar)
        if perturbed && random.chance(0.02) { out.append(" ") }
        while endIndex < wordEnds.count && wordEnds[endIndex] <= i { endIndex += 1 }
        if endIndex < wordEnds.count && wordEnds[endIndex] == i + 1 {
            if random.chance(0.12) { out.append(punctuation[random.below(punctuation.count)]) }
            if random.chance(0.004) { out.append("\n") }
        }
    }
    if references > 0 {
        out.append(contentsOf: "\n\n参考文献\n".unicodeScalars)
        for r in 0..<references {
            out.append(contentsOf: "[\(r + 1)] \(referencePool[random.below(referencePool.count)])\n".unicodeScalars)
        }
    }
    return String(out)
}

let paperLength = 5_000

func corpusSeed(_ id: Int) -> UInt64 { 0xC0FFEE &+ UInt64(id) &* 0x1000_0001 }

func corpusPaper(_ id: Int) -> String {
    let b = body(seed: corpusSeed(id), length: paperLength)
    return render(b.characters, wordEnds: b.wordEnds, seed: corpusSeed(id) ^ 0xAAAA, perturbed: false,
                  title: "", references: 12)
}

/// A query paper with a known copied share: its own body, with passages of corpus
/// papers spliced over it (same lengths, so the body length stays known).
func queryPaper(_ number: Int, corpusSize: Int, share: Double) -> (text: String, known: Double, passages: [Range<Int>]) {
    var random = Random(seed: 0xD00D &+ UInt64(number) &* 7919)
    var b = body(seed: 0x9999_0000 &+ UInt64(number), length: paperLength)
    if share >= 1 {
        // Wholly copied: a corpus paper's body under a new title.
        b = body(seed: corpusSeed(random.below(corpusSize)), length: paperLength)
    }
    let length = b.characters.count
    let copied = share >= 1 ? length : Int((share * Double(length)).rounded())
    var passages: [Int] = []
    if copied > 0 && share < 1 {
        let count = max(1, min(copied / 40, 1 + random.below(6)))
        var left = copied
        for i in 0..<count {
            let part = i == count - 1 ? left : max(20, left / (count - i) + random.below(21) - 10)
            passages.append(min(part, left)); left -= min(part, left)
        }
        passages = passages.filter { $0 > 0 }
    }
    // Place passages left to right, passage i at cut_i + (earlier passages) + i: a random
    // layout with at least one own character between passages, all inside the body.
    let free = length - copied - passages.count
    let cuts = (0..<passages.count).map { _ in random.below(max(1, free)) }.sorted()
    var before = 0
    var placed: [Range<Int>] = share >= 1 ? [0..<length] : []
    for (i, passage) in passages.enumerated() {
        let position = cuts[i] + before + i
        before += passage
        let source = body(seed: corpusSeed(random.below(corpusSize)), length: paperLength).characters
        let from = random.below(source.count - passage)
        b.characters.replaceSubrange(position..<(position + passage), with: source[from..<(from + passage)])
        placed.append(position..<(position + passage))
    }
    let title = share >= 1 ? "" : "论文\(number)"
    let text = render(b.characters, wordEnds: b.wordEnds, seed: UInt64(number) &* 31, perturbed: true,
                      title: title, references: 10)
    // The title is body text too: known share over the normalized body including it.
    let titleCharacters = Normalizer.normalize(title).count
    let shifted = placed.map { ($0.lowerBound + titleCharacters)..<($0.upperBound + titleCharacters) }
    return (text, Double(copied) / Double(length + titleCharacters), shifted)
}

// MARK: measurement

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Resident memory in MB, from /proc/self/status (VmRSS), or -1 where there is none.
func residentMB() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, 512, file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmRSS:") {
            let digits = text.filter(\.isNumber)
            return (Double(digits) ?? 0) / 1024
        }
    }
    return -1
}

#if canImport(Glibc)
@_silgen_name("malloc_trim") func glibcMallocTrim(_ pad: Int) -> Int32
#endif

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
}

func format(_ x: Double, _ digits: Int = 1) -> String {
    var s = String(Int((x * pow(10, Double(digits))).rounded()))
    if digits > 0 {
        while s.count <= digits { s = "0" + s }
        s.insert(".", at: s.index(s.endIndex, offsetBy: -digits))
    }
    return s
}

// MARK: main

var sizes = [10_000, 100_000]
var queries = 300
var explain = false
var noiseThreshold = WinnowingParameters.chineseNoiseThreshold
var exponent = 0.8
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--papers": sizes = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--queries": queries = Int(arguments.next() ?? "") ?? queries
    case "--k": noiseThreshold = Int(arguments.next() ?? "") ?? noiseThreshold
    case "--zipf": exponent = Double(arguments.next() ?? "") ?? exponent
    case "--explain": explain = true  // print the known passages and the matches of each new worst case
    case "--worst-case":                // issue 18: repetitive text; one case per process, for its peak memory
        vocabulary = Vocabulary(seed: 0x5EED, exponent: exponent)
        runWorstCase(arguments.next() ?? "", paragraph: body(seed: 0xAB_CDEF, length: 600).characters)
        exit(0)
    default:
        print("usage: similarity-bench [--papers 10000,100000] [--queries 300] [--k 8] [--zipf 0.8] [--explain]")
        print("       similarity-bench --worst-case 1.2mb|10mb|1.2mb-min1|20mb-job")
        exit(2)
    }
}

let shares = [0.0, 0.05, 0.12, 0.2, 0.249, 0.251, 0.3, 0.5, 0.8, 1.0]
let parameters = WinnowingParameters(minimumPassage: 13, noiseThreshold: noiseThreshold)
vocabulary = Vocabulary(seed: 0x5EED, exponent: exponent)
print("similarity-bench: k = \(parameters.k), t = \(parameters.guarantee), w = \(parameters.window); vocabulary Zipf exponent \(exponent)")

for size in sizes {
    let rssBefore = residentMB()
    var builder = SimilarityIndexBuilder(parameters: parameters)
    builder.reserveCapacity(documents: size, charactersEach: paperLength + 16)
    var bytes = 0
    var addSeconds = 0.0
    var generated = 0
    while generated < size {
        let batch = min(1_000, size - generated)
        let texts = (generated..<(generated + batch)).map(corpusPaper)
        for t in texts { bytes += t.utf8.count }
        let start = now()
        for (i, text) in texts.enumerated() {
            _ = try! builder.add(name: "paper-\(generated + i).txt", text: text)
        }
        addSeconds += now() - start
        generated += batch
    }
    let rssBeforeSeal = residentMB()
    let sealStart = now()
    let index = (consume builder).build()
    let sealSeconds = now() - sealStart
    #if canImport(Glibc)
    _ = glibcMallocTrim(0)  // hand freed build-time arrays back, so VmRSS shows what the index keeps
    #endif
    let rssAfter = residentMB()
    let megabytes = Double(bytes) / 1e6

    var latencies: [Double] = []
    var worstError = 0.0
    var worstCase = ""
    var misclassified = 0
    var missedCharacters = 0, inexactMatches = 0
    var excess = 0.0
    for q in 0..<queries {
        let share = shares[q % shares.count]
        let (text, known, placed) = queryPaper(q, corpusSize: size, share: share)
        let start = now()
        let characters = Normalizer.paperCharacters(text)
        let coverage = try! index.check(characters)
        latencies.append(now() - start)
        let error = abs(coverage.copyRatio - known)
        if error > worstError {
            worstError = error
            if explain {
                print("query \(q): known passages \(placed)")
                for source in coverage.sources {
                    print("  \(source.name): \(source.matches.map { "\($0.start)..<\($0.end) from \($0.sourceStart)" })")
                }
            }
            worstCase = "query \(q): known \(format(known, 4)), measured \(format(coverage.copyRatio, 4)), \(coverage.sources.count) sources"
        }
        if (coverage.copyRatio > 0.25) != (known > 0.25) { misclassified += 1 }
        // Accountability: every known copied character is covered, every match is exact.
        let mask = coverage.coveredMask()
        for passage in placed { for i in passage where !mask[i] { missedCharacters += 1 } }
        for source in coverage.sources {
            let sourceCharacters = index.normalizedCharacters(of: source.document)
            for m in source.matches where !characters[m.start..<m.end].elementsEqual(sourceCharacters[m.sourceStart..<m.sourceEnd])
                || m.length < index.parameters.guarantee {
                inexactMatches += 1
            }
        }
        excess = max(excess, coverage.copyRatio - known)
    }
    latencies.sort()
    print("""

        corpus: \(size) papers, \(format(megabytes)) MB UTF-8, \(index.characterCount) normalized characters, \(index.postingCount) postings
          index build: add \(format(addSeconds, 2)) s (\(format(megabytes / addSeconds)) MB/s), seal \(format(sealSeconds, 2)) s; \
        total \(format(megabytes / (addSeconds + sealSeconds))) MB/s on one core
          memory: index arrays \(format(Double(index.storageBytes) / 1e6)) MB; resident \(format(rssAfter)) MB (\(format(rssAfter - rssBefore)) MB more than before building; \(format(rssBeforeSeal - rssBefore)) MB before sealing)
          queries: \(queries), p50 \(format(percentile(latencies, 0.5) * 1000, 2)) ms, p95 \(format(percentile(latencies, 0.95) * 1000, 2)) ms, max \(format((latencies.last ?? 0) * 1000, 2)) ms
          copy ratio: worst |measured − known| = \(format(worstError, 5)) (\(worstCase.isEmpty ? "all exact" : worstCase)); misclassified against 25 %: \(misclassified)
          known copied characters not found: \(missedCharacters); reported matches not exact: \(inexactMatches); \
        worst excess over the known share (common passages the generator made by chance): \(format(excess, 5))
        """)
}

// The worst cases of issue 18 (item 3): a paper of repeated text against 300
// repetitive documents. Before the suffix-automaton hand-over, 1.2 MB took 41 s, 10 MB
// more than 60 s, and --min-passage 1 needed 2.7 GB.
//
//   swift build -c release --product similarity-bench
//   for c in 1.2mb 10mb 1.2mb-min1 20mb-job; do .build/release/similarity-bench --worst-case $c; done
//
// Each case runs in its own process so that its peak resident memory (VmHWM) is its own.

import Similarity

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Peak resident memory in MB (VmHWM), or -1 where /proc is missing.
func peakMB() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, 512, file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") { return (Double(text.filter(\.isNumber)) ?? 0) / 1024 }
    }
    return -1
}

/// Normalized characters as a text with a comma every 17 characters and a full stop at the end.
func sentenceText(_ characters: some Collection<UInt32>) -> String {
    var out = String.UnicodeScalarView()
    for (i, c) in characters.enumerated() {
        out.append(Unicode.Scalar(c)!)
        if i % 17 == 16 { out.append("，") }
    }
    out.append("。")
    return String(out)
}

/// `paragraph` repeated (one paragraph per line) until the text has `bytes` bytes of UTF-8.
func repeatedPaper(_ paragraph: [UInt32], bytes: Int) -> String {
    let line = sentenceText(paragraph) + "\n"
    let count = bytes / line.utf8.count + 1
    return String(repeating: line, count: count)
}

/// 300 repetitive documents: each repeats, to about 6,000 characters, a block made of a
/// piece of the paper's paragraph (from a rotation, 200 to 600 characters) and a sentence
/// of its own; so each covers parts of every repetition of the paper.
func repetitiveDocuments(_ paragraph: [UInt32], count: Int = 300) -> [(name: String, text: String)] {
    var random = Random(seed: 0xD0C5)
    return (0..<count).map { i in
        let rotation = random.below(paragraph.count), length = 200 + random.below(401)
        let piece = (0..<length).map { paragraph[(rotation + $0) % paragraph.count] }
        let own = body(seed: 0x5000 &+ UInt64(i), length: 40).characters
        let block = sentenceText(piece) + sentenceText(own) + "\n"
        return ("doc-\(i).txt", String(repeating: block, count: 6_000 / (piece.count + own.count) + 1))
    }
}

func runWorstCase(_ name: String, paragraph: [UInt32]) {
    let megabytes: Double, minimumPassage: Int
    switch name {
    case "1.2mb": megabytes = 1.2; minimumPassage = 13
    case "10mb": megabytes = 10; minimumPassage = 13
    case "1.2mb-min1": megabytes = 1.2; minimumPassage = 1
    case "20mb-job": runJobCase(paragraph: paragraph); return
    default: print("unknown worst case \(name): 1.2mb, 10mb, 1.2mb-min1 or 20mb-job"); exit(2)
    }
    let paper = repeatedPaper(paragraph, bytes: Int(megabytes * 1_000_000))
    let documents = repetitiveDocuments(paragraph)
    let started = now()
    // As `title-review similarity check PAPER --corpus DIR --min-passage N` does after reading the files.
    var builder = SimilarityIndexBuilder(parameters: WinnowingParameters(minimumPassage: minimumPassage))
    for d in documents { try! builder.add(name: d.name, text: d.text) }
    let index = (consume builder).build()
    let built = now()
    let characters = Normalizer.paperCharacters(paper)
    let coverage = try! index.check(characters, minimumPassage: minimumPassage)
    let checked = now()
    // As the command prints it: in pieces, here to /dev/null.
    var reportBytes = 0
    let sink = fopen("/dev/null", "w")
    CoverageReport(coverage, threshold: 0.25).writeJSON { piece in
        reportBytes += piece.count
        _ = fwrite(piece.baseAddress, 1, piece.count, sink)
    }
    fclose(sink)
    let done = now()
    let matches = coverage.sources.reduce(0) { $0 + $1.matches.count }
    print("worst case \(name): paper \(paper.utf8.count) bytes (\(characters.count) characters), \(documents.count) documents "
          + "(\(index.characterCount) characters), min passage \(minimumPassage)")
    print("  index \(format(built - started, 2)) s, check \(format(checked - built, 2)) s, JSON \(format(done - checked, 2)) s, "
          + "total \(format(done - started, 2)) s; peak memory \(format(peakMB(), 0)) MB")
    print("  copy ratio \(format(coverage.copyRatio, 4)), \(coverage.sources.count) sources, \(matches) matches, "
          + "report \(reportBytes) bytes")
}

/// The server's job (SimilarityWorker) with a 20 MB upload: the index holds every stored
/// text -- the 300 repetitive documents, the upload, and 20 other applicants' papers that
/// copy pieces of the paragraph -- and each application's paper is checked against the
/// others (its own text excluded), the upload included.
func runJobCase(paragraph: [UInt32]) {
    let upload = repeatedPaper(paragraph, bytes: 20_000_000)
    var random = Random(seed: 0x70B)
    let others: [String] = (0..<20).map { i in
        let own = body(seed: 0x9000 &+ UInt64(i), length: 4_000).characters
        let rotation = random.below(paragraph.count)
        let copied = (0..<(300 + random.below(900))).map { paragraph[(rotation + $0) % paragraph.count] }
        return sentenceText(own.prefix(2_000)) + sentenceText(copied) + sentenceText(own.dropFirst(2_000))
    }
    let started = now()
    var builder = SimilarityIndexBuilder()
    for d in repetitiveDocuments(paragraph) { try! builder.add(name: d.name, text: d.text) }
    let uploadID = try! builder.add(name: "upload", text: upload)
    let otherIDs = others.enumerated().map { try! builder.add(name: "paper-\($0.offset)", text: $0.element) }
    let index = (consume builder).build()
    let built = now()
    var slowest = 0.0, slowestName = ""
    var ratios: [String] = []
    for (name, id, text) in [("upload", uploadID, upload)] + others.enumerated().map({ ("paper-\($0.offset)", otherIDs[$0.offset], $0.element) }) {
        let t0 = now()
        let coverage = try! index.check(Normalizer.paperCharacters(text), excluding: [id])
        let t = now() - t0
        if t > slowest { slowest = t; slowestName = name }
        if name == "upload" || ratios.count < 4 { ratios.append("\(name) \(format(coverage.copyRatio, 3)) (\(format(t, 2)) s)") }
    }
    let done = now()
    print("worst case 20mb-job: upload \(upload.utf8.count) bytes; index of \(index.documentCount) documents, "
          + "\(index.characterCount) characters")
    print("  index \(format(built - started, 2)) s, 21 checks \(format(done - built, 2)) s (slowest \(slowestName) "
          + "\(format(slowest, 2)) s), total \(format(done - started, 2)) s; peak memory \(format(peakMB(), 0)) MB")
    print("  " + ratios.joined(separator: ", "))
}

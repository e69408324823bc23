/// The suffix automaton of one comparison document (Blumer et al. 1985): every
/// substring of the document is a path from the root, and walking a paper through it
/// gives, for each paper position j, the longest passage ending at j that stands in the
/// document (matching statistics) in amortized constant time per character.
///
/// Why it is here: on highly repetitive text (a paper repeating one paragraph, documents
/// repeating theirs), every k-gram of the paper meets thousands of postings of the same
/// document and the diagonal-by-diagonal verification becomes quadratic (issue 18: 41 s
/// for a 1.2 MB paper). `SimilarityIndex.check` hands a document over to this automaton
/// once verifying it diagonal by diagonal has cost more than a walk would; the walk is
/// O(paper + document) whatever the repetition, and gives the same matches (see
/// `outermostMatches`).
///
/// States: about 2 per character, 24 bytes each; transitions: at most 3 per character
/// in an open-addressing table (12 bytes a slot, load ≤ 0.7) plus a per-state edge list
/// (8 bytes) used only to copy a state's edges when it is split. One document's
/// automaton exists at a time and is dropped after its walk.
struct SuffixAutomaton {
    /// Length of the longest string of each state.
    private var length: [Int32] = [0]
    /// Suffix link of each state (−1 for the root).
    private var link: [Int32] = [-1]
    /// End (inclusive, document position) of the first occurrence of the state's strings.
    private var firstEnd: [Int32] = [-1]
    /// Per state, its outgoing characters as a linked list through `edgeNext` (for splitting).
    private var edgeHead: [Int32] = [-1]
    private var edgeNext: [Int32] = []
    private var edgeCharacter: [UInt32] = []
    /// Transitions: key (state << 21 | character), empty slots hold `Self.empty`.
    private var keys: [UInt64]
    private var targets: [Int32]
    private var shift: UInt64
    private var used = 0
    /// Per state, the character following its first occurrence and the state it leads
    /// to: in a long match the walk mostly follows this one, without a table look-up.
    private var followingCharacter: [UInt32] = []
    private var following: [Int32] = []

    private static let empty = UInt64.max

    init(_ text: UnsafeBufferPointer<UInt32>) {
        var ignored: [Int32] = []
        self.init(text, prefixStates: &ignored, keepPrefixStates: false)
    }

    /// Also gives the state of each whole prefix (`prefixStates[i]`: of text[0...i]).
    init(_ text: UnsafeBufferPointer<UInt32>, prefixStates: inout [Int32], keepPrefixStates: Bool = true) {
        // Transitions are at most 3m; start at 2m slots and grow when 70 % full.
        var bits = 4
        while (1 << bits) < max(16, text.count * 2) { bits += 1 }
        keys = [UInt64](repeating: Self.empty, count: 1 << bits)
        targets = [Int32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        length.reserveCapacity(text.count * 2 + 1)
        link.reserveCapacity(text.count * 2 + 1)
        firstEnd.reserveCapacity(text.count * 2 + 1)
        edgeHead.reserveCapacity(text.count * 2 + 1)
        var last: Int32 = 0
        if keepPrefixStates { prefixStates.reserveCapacity(text.count) }
        for i in 0..<text.count {
            last = extend(last, text[i], at: Int32(i))
            if keepPrefixStates { prefixStates.append(last) }
        }
        followingCharacter = [UInt32](repeating: .max, count: length.count)
        following = [Int32](repeating: -1, count: length.count)
        for state in 0..<length.count {
            let next = Int(firstEnd[state]) + 1
            guard next < text.count else { continue }
            followingCharacter[state] = text[next]
            following[state] = target(Int32(state), text[next])
        }
    }

    @inline(__always)
    private static func key(_ state: Int32, _ c: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: state)) << 21 | UInt64(c & 0x1F_FFFF) }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key || k == Self.empty { return i }
            i = (i &+ 1) & mask
        }
    }

    /// The state reached from `state` by `c`, or −1.
    @inline(__always)
    func target(_ state: Int32, _ c: UInt32) -> Int32 {
        let key = Self.key(state, c)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key { return targets[i] }
            if k == Self.empty { return -1 }
            i = (i &+ 1) & mask
        }
    }

    /// Adds or redirects the transition `state --c--> to`.
    private mutating func setTarget(_ state: Int32, _ c: UInt32, _ to: Int32) {
        let key = Self.key(state, c)
        let i = slot(key)
        if keys[i] == key { targets[i] = to; return }
        keys[i] = key
        targets[i] = to
        used += 1
        edgeCharacter.append(c)
        edgeNext.append(edgeHead[Int(state)])
        edgeHead[Int(state)] = Int32(edgeCharacter.count - 1)
        if used * 10 > keys.count * 7 { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldTargets = targets
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        targets = [Int32](repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        for i in 0..<oldKeys.count where oldKeys[i] != Self.empty {
            let j = slot(oldKeys[i])
            keys[j] = oldKeys[i]
            targets[j] = oldTargets[i]
        }
    }

    private mutating func newState(length l: Int32, link s: Int32, firstEnd e: Int32) -> Int32 {
        length.append(l); link.append(s); firstEnd.append(e); edgeHead.append(-1)
        return Int32(length.count - 1)
    }

    /// The standard online construction step: appends character `c` (document position `i`).
    private mutating func extend(_ last: Int32, _ c: UInt32, at i: Int32) -> Int32 {
        let current = newState(length: length[Int(last)] + 1, link: 0, firstEnd: i)
        var p = last
        while p != -1 && target(p, c) == -1 {
            setTarget(p, c, current)
            p = link[Int(p)]
        }
        if p == -1 { return current }
        let q = target(p, c)
        if length[Int(p)] + 1 == length[Int(q)] {
            link[Int(current)] = q
            return current
        }
        let clone = newState(length: length[Int(p)] + 1, link: link[Int(q)], firstEnd: firstEnd[Int(q)])
        var e = edgeHead[Int(q)]
        while e != -1 {
            let ch = edgeCharacter[Int(e)]
            setTarget(clone, ch, target(q, ch))
            e = edgeNext[Int(e)]
        }
        while p != -1 && target(p, c) == q {
            setTarget(p, c, clone)
            p = link[Int(p)]
        }
        link[Int(q)] = clone
        link[Int(current)] = clone
        return current
    }

    @inline(__always) func suffixLink(_ s: Int32) -> Int32 { link[Int(s)] }
    @inline(__always) func stateLength(_ s: Int32) -> Int32 { length[Int(s)] }

    /// The states sorted by length (counting sort): every state after its suffix link.
    func statesByLength() -> [Int32] {
        let maxLength = Int(length.max() ?? 0)
        var count = [Int](repeating: 0, count: maxLength + 2)
        for l in length { count[Int(l) + 1] += 1 }
        for i in 1..<count.count { count[i] += count[i - 1] }
        var order = [Int32](repeating: 0, count: length.count)
        for s in 0..<length.count {
            order[count[Int(length[s])]] = Int32(s)
            count[Int(length[s])] += 1
        }
        return order
    }

    /// Walks `text` through the automaton: for each position j, `body(j, state, length)`
    /// with the state and length of the longest suffix of text[0...j] that is a substring
    /// (length 0, root, when text[j] does not occur).
    func walk(_ text: UnsafeBufferPointer<UInt32>, _ body: (Int32, Int32, Int32) -> Void) {
        var state: Int32 = 0
        var matched: Int32 = 0
        for j in 0..<text.count {
            let c = text[j]
            while true {
                let next = followingCharacter[Int(state)] == c ? following[Int(state)] : target(state, c)
                if next != -1 { state = next; matched += 1; break }
                if state == 0 { matched = 0; break }
                state = link[Int(state)]
                matched = length[Int(state)]
            }
            body(Int32(j), state, matched)
        }
    }

    /// The paper's maximal passages of at least `minimumPassage` characters standing in
    /// the document, as the check reports them: for each paper position j, λ(j) is the
    /// longest passage ending at j found in the document; the passages [j − λ(j) + 1, j]
    /// with λ(j) ≥ t whose start does not also start the passage ending at j + 1 are
    /// exactly the ones not lying inside another (their starts never decrease), i.e.
    /// the outermost maximal runs the diagonal verification finds. The source position is
    /// the passage's first occurrence in the document, as there (ties by sourceStart).
    /// Sorted by start.
    func outermostMatches(of paper: UnsafeBufferPointer<UInt32>, minimumPassage t: Int) -> [PassageMatch] {
        var matches: [PassageMatch] = []
        var state: Int32 = 0
        var matched = 0
        var previousLength = 0
        var previousState: Int32 = 0
        @inline(__always) func emit(_ j: Int, _ l: Int, _ s: Int32) {
            let sourceEnd = Int(firstEnd[Int(s)]) + 1
            matches.append(PassageMatch(start: j - l + 1, end: j + 1, sourceStart: sourceEnd - l, sourceEnd: sourceEnd))
        }
        for j in 0..<paper.count {
            let c = paper[j]
            while true {
                let next = followingCharacter[Int(state)] == c ? following[Int(state)] : target(state, c)
                if next != -1 { state = next; matched += 1; break }
                if state == 0 { matched = 0; break }
                state = link[Int(state)]
                matched = Int(length[Int(state)])
            }
            if previousLength >= t && matched != previousLength + 1 { emit(j - 1, previousLength, previousState) }
            previousLength = matched
            previousState = state
        }
        if previousLength >= t { emit(paper.count - 1, previousLength, previousState) }
        return matches
    }
}

/// The same answer as `SuffixAutomaton.outermostMatches`, from the other side: the
/// automaton is built over the paper (once per check) and each document is walked
/// through it. Used when a document handed over is longer than the paper (a 20 MB
/// upload in the server's index, checked against an ordinary paper), so that memory
/// follows the paper, not the largest document.
///
/// Walking document position j gives the paper-automaton state v_j of the longest
/// suffix of the document's first j + 1 characters that occurs in the paper, of length
/// μ_j. A string of state u occurs in the document ending at j exactly when u is v_j with
/// μ_j at least its length, or a proper suffix-link ancestor of v_j. So, per state, the
/// longest string of it found in the document is len(u) if some v_j lies strictly below
/// u, else the largest μ_j with v_j = u; and the longest passage ending at paper position
/// e is the value of the deepest such state on the suffix-link path of the paper's
/// prefix ending at e (deeper states hold longer strings).
struct PaperAutomaton {
    private let automaton: SuffixAutomaton
    /// The state of the whole prefix ending at each paper position.
    private let prefixState: [Int32]
    /// States in order of increasing length (parents before children).
    private let byLength: [Int32]

    init(_ paper: UnsafeBufferPointer<UInt32>) {
        var prefixes: [Int32] = []
        automaton = SuffixAutomaton(paper, prefixStates: &prefixes)
        prefixState = prefixes
        byLength = automaton.statesByLength()
    }

    func outermostMatches(of document: UnsafeBufferPointer<UInt32>, paperCount n: Int,
                          minimumPassage t: Int) -> [PassageMatch] {
        let states = byLength.count
        // Per state: the largest μ_j met directly, and the first j reaching each new largest.
        var directBest = [Int32](repeating: 0, count: states)
        var directFirsts: [Int32: [(length: Int32, end: Int32)]] = [:]
        // Per state: the first j whose v_j lies strictly below it (−1: none).
        var firstBelow = [Int32](repeating: -1, count: states)
        automaton.walk(document) { j, state, matched in
            let u = Int(state)
            if matched > directBest[u] {
                directBest[u] = matched
                directFirsts[state, default: []].append((matched, j))
            }
            // Mark the proper ancestors; one already marked has all of its own marked earlier.
            var a = automaton.suffixLink(state)
            while a > 0 && firstBelow[Int(a)] == -1 {
                firstBelow[Int(a)] = j
                a = automaton.suffixLink(a)
            }
        }
        // Longest string found per state, and the deepest state on each path holding one.
        var provider = [Int32](repeating: -1, count: states)
        var longest = [Int32](repeating: 0, count: states)
        for s in byLength {
            let u = Int(s)
            let found = firstBelow[u] != -1 ? automaton.stateLength(s) : directBest[u]
            if found > 0 {
                longest[u] = found
                provider[u] = s
            } else if u != 0 {
                let parent = Int(automaton.suffixLink(s))
                longest[u] = longest[parent]
                provider[u] = provider[parent]
            }
        }
        /// The first end in the document of the length-`l` string of state `s`.
        func firstEnd(_ s: Int32, _ l: Int32) -> Int {
            var best = Int(firstBelow[Int(s)])
            if let direct = directFirsts[s], let hit = direct.first(where: { $0.length >= l }) {
                best = best == -1 ? Int(hit.end) : min(best, Int(hit.end))
            }
            return best
        }
        var matches: [PassageMatch] = []
        var previous = 0
        for e in 0..<(n + 1) {
            let l = e < n ? Int(longest[Int(prefixState[e])]) : 0
            if previous >= t && l != previous + 1 {
                let s = provider[Int(prefixState[e - 1])]
                let sourceEnd = firstEnd(s, Int32(previous)) + 1
                matches.append(PassageMatch(start: e - previous, end: e, sourceStart: sourceEnd - previous, sourceEnd: sourceEnd))
            }
            previous = l
        }
        return matches
    }
}

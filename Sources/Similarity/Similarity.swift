/// The paper duplication check (notice 七.1; shared/contracts/cli.md, "Paper
/// duplication check"; design and measurements in docs/similarity.md).
///
/// - `Normalizer`: the contract's normalization; `ReferenceList`: the 参考文献 cut.
/// - `Fingerprinter`, `WinnowingParameters`: winnowed k-gram fingerprints (k = 10, t = 13, w = 4).
/// - `SimilarityIndexBuilder` -> `SimilarityIndex`: the inverted index; `check` gives a `Coverage`.
/// - `CoverageReport`: the contract's JSON report (copyRatio, exceedsThreshold, sources, matches).
public enum Similarity {}

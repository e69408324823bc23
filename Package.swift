// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "title-review",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "title-review", targets: ["title-review"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        // Snapshot tests of the principal pages (tests only; the SnapshotTesting product needs no swift-syntax build).
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.0"),
    ],
    targets: [
        // Pure rules: policy, eligibility, workflow, access. No Vapor, no Fluent, no I/O
        // beyond reading the bundled policy files.
        .target(
            name: "Domain",
            resources: [.copy("Resources/policies"), .copy("Resources/calendars")]
        ),
        // Paper duplication check: normalization, winnowed fingerprints, index, coverage.
        // Pure Swift, no Vapor, no I/O.
        .target(name: "Similarity"),
        // Untrusted bytes: uploaded PDFs, DOCX and text files are read by well-kept tools
        // (poppler's pdfinfo/pdftotext in a child process with a time limit, ZIPFoundation),
        // never by decoders of our own.
        .target(
            name: "DocumentReading",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Spreadsheets and CSV files the offices download (汇总表, fee and score lists).
        .target(
            name: "Exports",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "App",
            dependencies: [
                "Domain", "Similarity", "DocumentReading", "Exports",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/public")]
        ),
        .executableTarget(name: "title-review", dependencies: ["App"]),
        // Speed goals live here, not in timed tests: `swift run -c release title-review-bench`.
        .executableTarget(name: "title-review-bench", dependencies: ["Domain"]),
        .executableTarget(name: "similarity-bench", dependencies: ["Similarity"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "ExportsTests", dependencies: ["Exports", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "SimilarityTests", dependencies: ["Similarity", "DocumentReading"]),
        .testTarget(name: "DocumentReadingTests", dependencies: ["DocumentReading"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Domain",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// The paper duplication check (notice 七.1): see `shared/contracts/cli.md`.
public enum Similarity {}

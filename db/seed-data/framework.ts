import type { Level } from "../schema";

/** The demo's published competency framework: a Rust training programme, one area per topic of a syllabus. */
export type SeedCompetency = { title: string; description: string; level: Level; core: boolean };
export type SeedArea = { code: string; title: string; description: string; competencies: SeedCompetency[] };

export const FRAMEWORK = {
  version: 1,
  title: "Rust Competency Framework",
  description:
    "What a Rust developer should know and be able to do, from the first cargo new to unsafe code, embedded targets and WebAssembly. " +
    "Accredited courses map each syllabus module to these competencies; core competencies are expected of every course at or above their level.",
};

const c = (title: string, description: string, level: Level, core = false): SeedCompetency => ({ title, description, level, core });

export const AREAS: SeedArea[] = [
  {
    code: "BASE",
    title: "Language fundamentals",
    description: "Syntax, types, control flow, data modelling and pattern matching.",
    competencies: [
      c(
        "Variables, types and control flow",
        "Declare immutable and mutable variable bindings, use scalar and compound types such as integers, floats, tuples and arrays, and write if, loop, while and for expressions. Explain shadowing and why Rust is expression-oriented.",
        "foundation",
        true,
      ),
      c(
        "Structs, enums and methods",
        "Model data with structs and enums, attach methods and associated functions in impl blocks, and use Option instead of null values.",
        "foundation",
        true,
      ),
      c(
        "Pattern matching",
        "Destructure values with match, if let, while let and let else, and write exhaustive matches with guards, ranges and bindings.",
        "foundation",
        true,
      ),
      c(
        "Modules, crates and visibility",
        "Organise code into modules, files and crates, control visibility with pub and pub(crate), and bring items into scope with use paths.",
        "foundation",
      ),
    ],
  },
  {
    code: "OWN",
    title: "Ownership and borrowing",
    description: "The ownership model, references and the borrow checker, slices and smart pointers.",
    competencies: [
      c(
        "Ownership and move semantics",
        "Explain the ownership rules: every value has a single owner, assignment and passing by value move ownership, and values are dropped when their owner goes out of scope. Distinguish Copy and Clone types.",
        "foundation",
        true,
      ),
      c(
        "References and borrowing",
        "Pass shared (&T) and mutable (&mut T) references, apply the borrowing rules of many readers or one writer, and fix common borrow checker errors.",
        "foundation",
        true,
      ),
      c(
        "Slices and string types",
        "Borrow parts of arrays, vectors and strings as slices without copying, and choose between String and &str in function signatures.",
        "foundation",
        true,
      ),
      c(
        "Smart pointers and interior mutability",
        "Choose between Box, Rc and Arc for heap allocation and shared ownership, use Cell and RefCell for interior mutability, and avoid reference cycles with Weak.",
        "intermediate",
        true,
      ),
    ],
  },
  {
    code: "LIFE",
    title: "Lifetimes",
    description: "How the compiler proves that references stay valid, and how to tell it what you mean.",
    competencies: [
      c(
        "Lifetime annotations in functions",
        "Annotate lifetime parameters on functions that take and return references, apply the lifetime elision rules, and read lifetime errors reported by the compiler.",
        "intermediate",
        true,
      ),
      c(
        "Lifetimes in structs and impl blocks",
        "Define structs that hold references with lifetime parameters and write impl blocks and methods for them.",
        "intermediate",
      ),
      c(
        "Advanced lifetimes and variance",
        "Use 'static bounds, lifetime bounds on generic types (T: 'a) and higher-ranked trait bounds (for<'a>), and reason about the variance of lifetime parameters.",
        "advanced",
      ),
    ],
  },
  {
    code: "TRAIT",
    title: "Traits and generics",
    description: "Abstraction with traits, generic code, static and dynamic dispatch.",
    competencies: [
      c(
        "Defining and implementing traits",
        "Define traits with required and default methods, implement them for your own types, and derive standard traits such as Debug, Clone, PartialEq and Hash.",
        "foundation",
        true,
      ),
      c(
        "Generics and trait bounds",
        "Write generic functions, structs and enums constrained by trait bounds and where clauses, and explain monomorphisation and static dispatch.",
        "intermediate",
        true,
      ),
      c(
        "Trait objects and dynamic dispatch",
        "Use dyn Trait behind Box or a reference for dynamic dispatch, explain vtables and object safety, and choose between generics and trait objects.",
        "intermediate",
      ),
      c(
        "Associated types and conversion traits",
        "Declare associated types and constants, and implement the standard conversion and formatting traits From, Into, TryFrom, AsRef and Display, and operator overloading traits.",
        "intermediate",
      ),
      c(
        "Advanced trait patterns",
        "Apply blanket implementations, the newtype pattern to satisfy the orphan rule, marker traits, supertraits and generic associated types.",
        "advanced",
      ),
    ],
  },
  {
    code: "ERR",
    title: "Error handling",
    description: "Recoverable errors with Result, absent values with Option, error design and panics.",
    competencies: [
      c(
        "Result and Option",
        "Handle recoverable errors with Result and absent values with Option using match and combinators such as map, and_then and unwrap_or, and unwrap or expect only where a panic is justified.",
        "foundation",
        true,
      ),
      c(
        "Error propagation with the ? operator",
        "Propagate errors to the caller with the question mark operator, and convert between error types with From implementations.",
        "foundation",
        true,
      ),
      c(
        "Designing custom error types",
        "Design error enums that implement std::error::Error and Display, keep the source chain, and use thiserror in libraries and anyhow with context in applications.",
        "intermediate",
        true,
      ),
      c(
        "Panics and unwinding",
        "Distinguish unrecoverable panics from recoverable errors, explain unwinding versus abort, and contain panics at thread and FFI boundaries with catch_unwind.",
        "intermediate",
      ),
    ],
  },
  {
    code: "COLL",
    title: "Collections, closures and iterators",
    description: "The standard collections, closures and the iterator protocol.",
    competencies: [
      c(
        "Standard collections",
        "Store and look up data in Vec, HashMap, HashSet, BTreeMap and VecDeque, and choose the collection that fits the access pattern.",
        "foundation",
        true,
      ),
      c(
        "Iterators and adapters",
        "Process sequences with iter, iter_mut and into_iter, chain iterator adapters such as map, filter, enumerate and zip, and consume them with collect, fold and sum.",
        "foundation",
        true,
      ),
      c(
        "Closures",
        "Write closures that capture their environment by reference or by move, and explain the Fn, FnMut and FnOnce traits.",
        "intermediate",
        true,
      ),
      c(
        "Implementing iterators",
        "Implement the Iterator trait and its next method for custom types, provide IntoIterator for collections, and explain the lazy evaluation of iterator adapters.",
        "intermediate",
      ),
    ],
  },
  {
    code: "CONC",
    title: "Concurrency",
    description: "Threads, message passing, shared state, atomics and data parallelism without data races.",
    competencies: [
      c(
        "Threads and message passing",
        "Spawn and join threads with std::thread, use scoped threads, and communicate between threads by sending messages over mpsc channels.",
        "intermediate",
        true,
      ),
      c(
        "Shared state and Send and Sync",
        "Share state between threads with Arc, Mutex and RwLock, avoid deadlocks, and explain how the Send and Sync marker traits prevent data races at compile time.",
        "intermediate",
        true,
      ),
      c(
        "Atomics and memory ordering",
        "Use atomic types and explain the memory orderings Relaxed, Acquire, Release and SeqCst to build lock-free primitives such as a spin lock.",
        "advanced",
      ),
      c(
        "Data parallelism",
        "Parallelise data processing with Rayon parallel iterators and explain work stealing and when parallelism pays off.",
        "intermediate",
      ),
    ],
  },
  {
    code: "ASYNC",
    title: "Asynchronous programming",
    description: "async/await, runtimes, futures and production async services.",
    competencies: [
      c(
        "async and await",
        "Write async functions and blocks, await futures, and explain that futures are lazy state machines that make progress only when an executor polls them.",
        "intermediate",
        true,
      ),
      c(
        "Async runtimes and tasks",
        "Use the Tokio runtime to spawn tasks, perform asynchronous network I/O with TcpListener and TcpStream, and combine futures with join!, select! and timeouts.",
        "intermediate",
      ),
      c(
        "The Future trait, Pin and Waker",
        "Implement the Future trait by hand with poll and a Waker, and explain Pin, Unpin and why self-referential futures must not move.",
        "advanced",
      ),
      c(
        "Streams, cancellation and backpressure",
        "Consume and produce async Streams, write cancellation-safe code, apply backpressure with bounded channels, and shut services down gracefully.",
        "advanced",
      ),
    ],
  },
  {
    code: "UNSAFE",
    title: "Unsafe Rust and FFI",
    description: "What unsafe code may do, how to keep it sound, and interoperability with C.",
    competencies: [
      c(
        "Unsafe code and raw pointers",
        "Explain the five capabilities that unsafe unlocks, dereference raw pointers, call unsafe functions, and document the safety invariants of every unsafe block.",
        "advanced",
      ),
      c(
        "Foreign function interface",
        "Call C libraries through extern \"C\" declarations, expose Rust functions to C with #[no_mangle], pass strings with CString and CStr, and generate bindings with bindgen and cbindgen.",
        "advanced",
      ),
      c(
        "Sound abstractions and undefined behaviour",
        "Wrap unsafe code in safe abstractions whose public API cannot cause undefined behaviour, and check unsafe code with Miri and sanitizers.",
        "advanced",
      ),
    ],
  },
  {
    code: "MACRO",
    title: "Macros",
    description: "Using macros well, writing declarative macros and procedural macros.",
    competencies: [
      c(
        "Using standard macros and attributes",
        "Use println!, format!, vec!, assert! and derive attributes correctly, and inspect macro expansion with cargo expand.",
        "foundation",
      ),
      c(
        "Declarative macros",
        "Write macro_rules! macros with fragment specifiers and repetitions, and explain macro hygiene and scoping.",
        "intermediate",
      ),
      c(
        "Procedural macros",
        "Write derive, attribute and function-like procedural macros in a proc-macro crate with syn and quote, and report compile errors with spans.",
        "advanced",
      ),
    ],
  },
  {
    code: "TOOL",
    title: "Cargo and tooling",
    description: "The toolchain, Cargo, code quality tools, documentation and publishing.",
    competencies: [
      c(
        "Cargo packages and dependencies",
        "Install the toolchain with rustup, create packages with cargo new, build and run them, add dependencies from crates.io in Cargo.toml, and explain semantic versioning and Cargo.lock.",
        "foundation",
        true,
      ),
      c(
        "Formatting, linting and diagnostics",
        "Format code with rustfmt, lint it with Clippy, and read compiler diagnostics and rust-analyzer hints to fix problems.",
        "foundation",
        true,
      ),
      c(
        "Workspaces, features and profiles",
        "Organise several crates in a Cargo workspace, put optional functionality behind feature flags, and configure build profiles.",
        "intermediate",
      ),
      c(
        "Documentation and publishing",
        "Write rustdoc comments with examples, generate documentation with cargo doc, and publish crates to crates.io following API guidelines.",
        "intermediate",
      ),
    ],
  },
  {
    code: "TEST",
    title: "Testing",
    description: "Unit, integration and documentation tests, test doubles, property testing and fuzzing.",
    competencies: [
      c(
        "Unit and integration tests",
        "Write unit tests with #[test] and the assert macros in a tests module, integration tests in the tests directory, and run them with cargo test.",
        "foundation",
        true,
      ),
      c(
        "Documentation tests and test organisation",
        "Write documentation tests, test error paths and panics with should_panic, share fixtures, and organise tests for a library's public API.",
        "intermediate",
      ),
      c(
        "Test doubles and dependency isolation",
        "Isolate dependencies behind traits so that tests can substitute test doubles, and generate mocks with mockall.",
        "intermediate",
      ),
      c(
        "Property-based testing and fuzzing",
        "Express invariants as properties with proptest or quickcheck, shrink failing cases, and fuzz parsers with cargo-fuzz.",
        "advanced",
      ),
    ],
  },
  {
    code: "PERF",
    title: "Performance",
    description: "Measuring, profiling and making Rust code fast.",
    competencies: [
      c(
        "Benchmarking and profiling",
        "Measure performance with criterion benchmarks and profile programs with perf and flamegraphs before optimising.",
        "intermediate",
      ),
      c(
        "Memory layout and allocation",
        "Reduce heap allocations, choose between stack and heap, and design cache-friendly data layouts with attention to size, alignment and padding.",
        "advanced",
      ),
      c(
        "Zero-cost abstractions and optimisation",
        "Explain zero-cost abstractions, inlining and monomorphisation, enable link-time optimisation in release profiles, use SIMD, and read generated assembly.",
        "advanced",
      ),
    ],
  },
  {
    code: "EMB",
    title: "Embedded and no_std",
    description: "Rust on microcontrollers and other targets without the standard library.",
    competencies: [
      c(
        "no_std programming",
        "Write #![no_std] crates that use only core and alloc, define a panic handler, and explain what the standard library provides on top of core.",
        "advanced",
      ),
      c(
        "Hardware access with embedded-hal",
        "Program microcontrollers with peripheral access crates and the embedded-hal traits for GPIO, SPI and I2C, and flash and debug firmware with probe-rs.",
        "advanced",
      ),
      c(
        "Interrupts and real-time concurrency",
        "Handle interrupts, share data with interrupt handlers through critical sections, and schedule tasks with RTIC or the Embassy async executor.",
        "advanced",
      ),
    ],
  },
  {
    code: "WASM",
    title: "WebAssembly",
    description: "Compiling Rust to WebAssembly for the browser and for WASI hosts.",
    competencies: [
      c(
        "Compiling Rust to WebAssembly",
        "Compile Rust to the wasm32 target, export functions to JavaScript with wasm-bindgen, and package modules with wasm-pack.",
        "intermediate",
      ),
      c(
        "WebAssembly in the browser and WASI",
        "Interact with the DOM through web-sys and js-sys, manage data crossing the JavaScript boundary, reduce binary size, and build components for WASI runtimes.",
        "advanced",
      ),
    ],
  },
  {
    code: "WEB",
    title: "Web services and data",
    description: "Serialisation, HTTP services and database access with the crates real services use.",
    competencies: [
      c(
        "HTTP services",
        "Build HTTP APIs with axum routers, extractors and handlers, share application state, add middleware with tower, and map errors to responses.",
        "intermediate",
      ),
      c(
        "Serialisation with serde",
        "Derive Serialize and Deserialize, customise field names and representations with serde attributes, and read and write JSON and TOML.",
        "intermediate",
        true,
      ),
      c(
        "Database access",
        "Query relational databases with sqlx, use compile-time checked queries, connection pools, transactions and migrations.",
        "intermediate",
      ),
    ],
  },
];

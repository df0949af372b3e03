import type { DeliveryMode, Level } from "../schema";
import type { ModuleKey } from "./modules";

export type SeedTrainer = { name: string; qualifications: string; certifications: string; years: number; links: string[] };
export type SeedCourse = {
  key: string;
  title: string;
  level: Level;
  description: string;
  modes: DeliveryMode[];
  languages: string[];
  regions: string[];
  modules: ModuleKey[];
};

/** Where the provider's application stands in the workflow; accredited ones say how their certificate looks today. */
export type SeedPlan =
  | {
      status: "accredited";
      /** Days from the seed's base date to the last day of validity (negative: already expired). */
      validUntilInDays: number;
      accreditation: "active" | "suspended" | "revoked";
      statusReason?: string;
      conditions?: string;
    }
  | { status: "draft" | "submitted" | "under_review" | "changes_requested" | "awaiting_decision" | "rejected" | "withdrawn" }
  /** Submitted, and no reviewer assigned yet: a batch for staff to auto-assign. */
  | { status: "submitted"; awaitingReviewers: true };

export type SeedPerson = { email: string; name: string };
export type SeedProvider = {
  slug: string;
  legalName: string;
  displayName: string;
  country: string;
  description: string;
  owner: SeedPerson;
  members?: SeedPerson[];
  trainers: SeedTrainer[];
  courses: SeedCourse[];
  plan: SeedPlan;
};

const EU = ["DE", "AT", "CH", "NL", "BE", "FR", "ES", "IT", "PL", "SE", "DK", "NO", "FI", "IE", "PT"];

export const PROVIDERS: SeedProvider[] = [
  {
    slug: "ferris-academy",
    legalName: "Ferris Academy GmbH",
    displayName: "Ferris Academy",
    country: "DE",
    description:
      "Berlin-based training company teaching Rust to software teams since 2019. Small groups, half the time spent writing code, and trainers who ship Rust in production.",
    owner: { email: "owner1@example.org", name: "Felix Braun" },
    members: [{ email: "member1@example.org", name: "Jonas Weber" }],
    trainers: [
      {
        name: "Felix Braun",
        qualifications: "MSc Computer Science (TU Berlin). Eight years of systems programming, five of them in Rust on payment infrastructure.",
        certifications: "Contributor to the tokio and clippy projects",
        years: 8,
        links: ["https://github.com/felix-braun.example"],
      },
      {
        name: "Hannah Schulz",
        qualifications: "Former embedded C developer; has taught Rust workshops at RustFest and EuroRust.",
        certifications: "",
        years: 6,
        links: ["https://hannah-schulz.example"],
      },
    ],
    courses: [
      {
        key: "fundamentals",
        title: "Rust Fundamentals",
        level: "foundation",
        description: "Three days from first cargo new to a tested command-line program: ownership, borrowing, data modelling and error handling.",
        modes: ["in_person", "online_live"],
        languages: ["en", "de"],
        regions: ["DE", "AT", "CH"],
        modules: ["gettingStarted", "basics", "ownership", "structsEnums", "errors", "testingBasics"],
      },
      {
        key: "intermediate",
        title: "Intermediate Rust",
        level: "intermediate",
        description: "For developers who write Rust daily: lifetimes, smart pointers, trait objects, error design and threads.",
        modes: ["in_person", "hybrid"],
        languages: ["en", "de"],
        regions: ["DE", "AT", "CH"],
        modules: ["lifetimes", "smartPointers", "traitObjects", "customErrors", "threads"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 75, accreditation: "active" },
  },
  {
    slug: "crabcode-labs",
    legalName: "Crabcode Labs B.V.",
    displayName: "Crabcode Labs",
    country: "NL",
    description:
      "Amsterdam consultancy that builds backend services in Rust and trains the teams who maintain them. Courses are built around a realistic service you deploy on the last day.",
    owner: { email: "anouk@crabcode-labs.example", name: "Anouk de Vries" },
    trainers: [
      {
        name: "Anouk de Vries",
        qualifications: "Backend engineer and team lead; migrated a logistics platform from Go to Rust.",
        certifications: "AWS Certified Solutions Architect",
        years: 7,
        links: ["https://github.com/anouk-dv.example"],
      },
      {
        name: "Sander Bakker",
        qualifications: "Database engineer; maintainer of an open-source sqlx extension.",
        certifications: "",
        years: 5,
        links: [],
      },
    ],
    courses: [
      {
        key: "backend",
        title: "Rust for Backend Engineers",
        level: "intermediate",
        description: "Async Rust for web services: Tokio, serde, axum and sqlx, ending with a capstone service reviewed by a trainer.",
        modes: ["online_live", "hybrid"],
        languages: ["en", "nl"],
        regions: ["NL", "BE", "DE"],
        modules: ["asyncIntro", "tokio", "serde", "axum", "sqlx", "capstoneService"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 40, accreditation: "active" },
  },
  {
    slug: "rustbelt-training",
    legalName: "Rustbelt Training LLC",
    displayName: "Rustbelt Training",
    country: "US",
    description:
      "Pittsburgh training company running Rust bootcamps for career changers and systems programming courses for C and C++ teams across North America.",
    owner: { email: "dana@rustbelt-training.example", name: "Dana Kowalski" },
    trainers: [
      {
        name: "Dana Kowalski",
        qualifications: "Twelve years of C++ on industrial control systems; Rust since 2017.",
        certifications: "Carnegie Mellon teaching fellow (2019–2021)",
        years: 12,
        links: ["https://dana-kowalski.example"],
      },
      {
        name: "Marcus Reid",
        qualifications: "Security engineer; audits unsafe Rust and FFI layers for clients.",
        certifications: "OSCP",
        years: 9,
        links: ["https://github.com/mreid.example"],
      },
    ],
    courses: [
      {
        key: "bootcamp",
        title: "Rust Bootcamp",
        level: "foundation",
        description: "Five days, full time: the language from scratch to a reviewed command-line capstone project.",
        modes: ["in_person", "online_live"],
        languages: ["en"],
        regions: ["US", "CA"],
        modules: ["gettingStarted", "basics", "ownership", "stringsSlices", "errors", "capstoneCli"],
      },
      {
        key: "systems",
        title: "Systems Programming in Rust",
        level: "advanced",
        description: "Unsafe code, FFI with existing C and C++ code bases, atomics and memory layout for teams modernising native code.",
        modes: ["in_person"],
        languages: ["en"],
        regions: ["US"],
        modules: ["unsafe", "ffi", "atomics", "memoryLayout"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 1065, accreditation: "active" },
  },
  {
    slug: "borrow-and-co",
    legalName: "Borrow & Co Learning Ltd",
    displayName: "Borrow & Co",
    country: "GB",
    description:
      "London-based online school: a self-paced Rust essentials course with mentor feedback, followed by live cohorts on idiomatic Rust and macros.",
    owner: { email: "olivia@borrow-and-co.example", name: "Olivia Hughes" },
    trainers: [
      {
        name: "Olivia Hughes",
        qualifications: "Author of a Rust textbook for beginners; ten years teaching programming at a further-education college.",
        certifications: "PGCE (Post-Graduate Certificate in Education)",
        years: 10,
        links: ["https://olivia-hughes.example"],
      },
      {
        name: "Rajesh Nair",
        qualifications: "Library author with several widely used procedural-macro crates.",
        certifications: "",
        years: 6,
        links: ["https://github.com/rnair.example"],
      },
    ],
    courses: [
      {
        key: "essentials",
        title: "Rust Essentials (self-paced)",
        level: "foundation",
        description: "Twenty hours of video, exercises and mentor code review you can take at your own pace.",
        modes: ["self_paced"],
        languages: ["en"],
        regions: ["GB", "IE", ...EU],
        modules: ["basics", "ownership", "structsEnums", "iteratorsClosures", "traitsGenerics"],
      },
      {
        key: "idiomatic",
        title: "Idiomatic Rust",
        level: "intermediate",
        description: "Live online cohort on writing Rust that reads like the standard library: conversions, iterators, errors, tests and docs.",
        modes: ["online_live"],
        languages: ["en"],
        regions: ["GB", "IE"],
        modules: ["conversions", "customIterators", "customErrors", "testStrategy", "docsPublishing"],
      },
      {
        key: "macros",
        title: "Macros Masterclass",
        level: "advanced",
        description: "Two days on declarative and procedural macros and the trait patterns that make them pleasant to use.",
        modes: ["online_live"],
        languages: ["en"],
        regions: ["GB", "IE"],
        modules: ["macrosDeclarative", "procMacros", "advancedTraits"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 600, accreditation: "active" },
  },
  {
    slug: "async-atelier",
    legalName: "Async Atelier SAS",
    displayName: "Async Atelier",
    country: "FR",
    description:
      "Lyon training studio specialised in asynchronous and concurrent Rust, taught in French and English, on site or live online.",
    owner: { email: "camille@async-atelier.example", name: "Camille Laurent" },
    trainers: [
      {
        name: "Camille Laurent",
        qualifications: "Runtime engineer; contributed to the async working group's documentation.",
        certifications: "",
        years: 8,
        links: ["https://github.com/claurent.example"],
      },
    ],
    courses: [
      {
        key: "async",
        title: "Async Rust in Production",
        level: "advanced",
        description: "From async/await to hand-written futures, streams, cancellation and graceful shutdown of real services.",
        modes: ["in_person", "online_live"],
        languages: ["fr", "en"],
        regions: ["FR", "BE", "CH", "CA"],
        modules: ["asyncIntro", "tokio", "asyncInternals", "asyncProduction"],
      },
      {
        key: "concurrency",
        title: "Concurrency in Rust",
        level: "intermediate",
        description: "Threads, channels, shared state, Rayon and atomics: fearless concurrency in practice.",
        modes: ["in_person"],
        languages: ["fr"],
        regions: ["FR"],
        modules: ["threads", "rayon", "atomics"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 900, accreditation: "active", conditions: "Publish the English materials of the concurrency course within six months." },
  },
  {
    slug: "kernel-crafters",
    legalName: "Kernel Crafters Pvt Ltd",
    displayName: "Kernel Crafters",
    country: "IN",
    description:
      "Bengaluru embedded-systems training company. Every participant receives a development board and leaves with working no_std firmware.",
    owner: { email: "arjun@kernel-crafters.example", name: "Arjun Mehta" },
    trainers: [
      {
        name: "Arjun Mehta",
        qualifications: "Firmware lead for automotive sensor modules; Embedded Rust since 2018.",
        certifications: "ISO 26262 functional safety engineer",
        years: 11,
        links: ["https://arjun-mehta.example"],
      },
      {
        name: "Lakshmi Iyer",
        qualifications: "Embassy contributor; teaches microcontroller programming at a technical university.",
        certifications: "",
        years: 5,
        links: ["https://github.com/liyer.example"],
      },
    ],
    courses: [
      {
        key: "embedded",
        title: "Embedded Rust on Microcontrollers",
        level: "advanced",
        description: "Bare-metal Rust on ARM Cortex-M: no_std, embedded-hal drivers, interrupts, RTIC and Embassy, and a sensor-node capstone.",
        modes: ["in_person", "hybrid"],
        languages: ["en", "hi"],
        regions: ["IN", "SG", "AE"],
        modules: ["noStd", "embeddedHal", "rticEmbassy", "embeddedCapstone"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 400, accreditation: "active" },
  },
  {
    slug: "sakura-rust-school",
    legalName: "Sakura Rust School K.K.",
    displayName: "Sakura Rust School",
    country: "JP",
    description: "Tokyo school teaching Rust in Japanese and English, from foundations to WebAssembly for front-end teams.",
    owner: { email: "yuki@sakura-rust.example", name: "Yuki Sato" },
    trainers: [
      {
        name: "Yuki Sato",
        qualifications: "Translator of Rust learning material into Japanese; organiser of a Tokyo Rust meetup.",
        certifications: "",
        years: 7,
        links: ["https://yuki-sato.example"],
      },
      {
        name: "Kenji Watanabe",
        qualifications: "Front-end engineer shipping Rust and WebAssembly in a design tool.",
        certifications: "",
        years: 4,
        links: [],
      },
    ],
    courses: [
      {
        key: "foundations",
        title: "Rust Foundations",
        level: "foundation",
        description: "Four days of Rust foundations with exercises in Japanese and English.",
        modes: ["in_person", "online_live"],
        languages: ["ja", "en"],
        regions: ["JP"],
        modules: ["gettingStarted", "basics", "ownership", "structsEnums", "modules", "errors"],
      },
      {
        key: "wasm",
        title: "WebAssembly with Rust",
        level: "intermediate",
        description: "Rust for front-end teams: wasm-bindgen, web-sys and serde across the JavaScript boundary.",
        modes: ["online_live"],
        languages: ["ja", "en"],
        regions: ["JP", "KR"],
        modules: ["wasmIntro", "wasmWeb", "serde"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: 1000, accreditation: "active" },
  },
  {
    slug: "fjord-systems-academy",
    legalName: "Fjord Systems Academy AS",
    displayName: "Fjord Systems Academy",
    country: "NO",
    description: "Oslo academy for performance engineering in Rust: profiling, memory layout and compiler optimisation.",
    owner: { email: "ingrid@fjord-systems.example", name: "Ingrid Solberg" },
    trainers: [
      {
        name: "Ingrid Solberg",
        qualifications: "Performance engineer on a high-frequency trading platform.",
        certifications: "",
        years: 9,
        links: ["https://ingrid-solberg.example"],
      },
    ],
    courses: [
      {
        key: "performance",
        title: "Rust Performance Engineering",
        level: "advanced",
        description: "Measure first, then optimise: benchmarks, profiles, memory layout, zero-cost abstractions and property tests that keep the fast code correct.",
        modes: ["online_live"],
        languages: ["en", "nb"],
        regions: ["NO", "SE", "DK", "FI"],
        modules: ["profiling", "memoryLayout", "optimisation", "proptest"],
      },
    ],
    plan: {
      status: "accredited",
      validUntilInDays: 500,
      accreditation: "suspended",
      statusReason:
        "The only accredited trainer left the company; courses are delivered by trainers not yet reviewed. Suspended until a qualified trainer is confirmed.",
    },
  },
  {
    slug: "quickrust-bootcamp",
    legalName: "QuickRust Bootcamp Inc.",
    displayName: "QuickRust Bootcamp",
    country: "US",
    description: "Weekend Rust crash courses.",
    owner: { email: "brad@quickrust.example", name: "Brad Collins" },
    trainers: [
      { name: "Brad Collins", qualifications: "Full-stack developer.", certifications: "", years: 3, links: [] },
    ],
    courses: [
      {
        key: "weekend",
        title: "Rust in a Weekend",
        level: "foundation",
        description: "Self-paced videos covering Rust basics.",
        modes: ["self_paced"],
        languages: ["en"],
        regions: ["US"],
        modules: ["basics", "ownership", "errors"],
      },
    ],
    plan: {
      status: "accredited",
      validUntilInDays: 700,
      accreditation: "revoked",
      statusReason:
        "The accreditation mark was used for courses outside the accredited scope, and the provider did not correct this after two warnings. Revoked by board resolution.",
    },
  },
  {
    slug: "ownership-works",
    legalName: "Ownership Works Pty Ltd",
    displayName: "Ownership Works",
    country: "AU",
    description: "Melbourne consultancy that taught Rust to C++ developers; its accreditation lapsed and was not renewed.",
    owner: { email: "liam@ownership-works.example", name: "Liam O'Connor" },
    trainers: [
      { name: "Liam O'Connor", qualifications: "Fifteen years of C++ in games and simulation; Rust since 2016.", certifications: "", years: 15, links: [] },
    ],
    courses: [
      {
        key: "cpp",
        title: "Rust for C++ Developers",
        level: "intermediate",
        description: "Ownership, smart pointers and lifetimes mapped onto C++ idioms, and calling existing C++ code through FFI.",
        modes: ["in_person"],
        languages: ["en"],
        regions: ["AU", "NZ"],
        modules: ["ownership", "smartPointers", "lifetimes", "ffi"],
      },
    ],
    plan: { status: "accredited", validUntilInDays: -20, accreditation: "active" },
  },
  // Applications in every other workflow state.
  {
    slug: "oxide-training",
    legalName: "Oxide Training Ltd",
    displayName: "Oxide Training",
    country: "IE",
    description: "Dublin training company preparing its first accreditation application: Rust for Python developers.",
    owner: { email: "owner2@example.org", name: "Chloé Martin" },
    members: [{ email: "member2@example.org", name: "Ravi Patel" }],
    trainers: [
      {
        name: "Chloé Martin",
        qualifications: "Data engineer; rewrote Python data pipelines in Rust with PyO3.",
        certifications: "",
        years: 4,
        links: ["https://github.com/chloe-martin.example"],
      },
    ],
    courses: [
      {
        key: "python",
        title: "Rust for Python Developers",
        level: "foundation",
        description: "Rust explained from a Python developer's point of view.",
        modes: ["online_live"],
        languages: ["en"],
        regions: ["IE", "GB"],
        modules: ["basics", "ownership", "errors"],
      },
    ],
    plan: { status: "draft" },
  },
  {
    slug: "safe-systems-school",
    legalName: "Safe Systems School Inc.",
    displayName: "Safe Systems School",
    country: "CA",
    description: "Toronto school teaching secure systems programming: memory safety, sound unsafe code and fuzzing.",
    owner: { email: "emily@safe-systems.example", name: "Emily Tremblay" },
    trainers: [
      {
        name: "Emily Tremblay",
        qualifications: "Application security lead; found and fixed memory-safety bugs in C libraries, now rewriting parsers in Rust.",
        certifications: "CISSP",
        years: 10,
        links: ["https://emily-tremblay.example"],
      },
    ],
    courses: [
      {
        key: "secure",
        title: "Secure Systems Programming in Rust",
        level: "advanced",
        description: "Writing sound unsafe code, safe FFI wrappers, memory layout and fuzzing for security-sensitive components.",
        modes: ["online_live", "in_person"],
        languages: ["en", "fr"],
        regions: ["CA", "US"],
        modules: ["unsafe", "ffi", "memoryLayout", "proptest"],
      },
    ],
    plan: { status: "submitted" },
  },
  {
    slug: "trait-bound-training",
    legalName: "Trait Bound Training Pty Ltd",
    displayName: "Trait Bound Training",
    country: "AU",
    description: "Sydney trainers bringing Java and C# teams to Rust, with an intermediate course on Rust design patterns.",
    owner: { email: "mia@trait-bound.example", name: "Mia Nguyen" },
    trainers: [
      {
        name: "Mia Nguyen",
        qualifications: "Ten years of Java on banking systems, four years of Rust in production.",
        certifications: "Oracle Certified Professional, Java SE",
        years: 10,
        links: ["https://mia-nguyen.example"],
      },
      {
        name: "Jack Thompson",
        qualifications: "Rust consultant; speaker at Rust Sydney.",
        certifications: "",
        years: 5,
        links: [],
      },
    ],
    courses: [
      {
        key: "java",
        title: "Rust for Java Developers",
        level: "foundation",
        description: "Ownership instead of garbage collection, enums instead of class hierarchies, Result instead of exceptions.",
        modes: ["online_live", "in_person"],
        languages: ["en"],
        regions: ["AU", "NZ"],
        modules: ["basics", "ownership", "traitsGenerics", "errors", "iteratorsClosures"],
      },
      {
        key: "patterns",
        title: "Intermediate Rust Patterns",
        level: "intermediate",
        description: "Trait objects, conversions and custom iterators for developers designing their first Rust libraries.",
        modes: ["online_live"],
        languages: ["en"],
        regions: ["AU", "NZ", "SG"],
        modules: ["traitObjects", "conversions", "customIterators"],
      },
    ],
    plan: { status: "under_review" },
  },
  {
    slug: "pattern-match-partners",
    legalName: "Pattern Match Partners S.L.",
    displayName: "Pattern Match Partners",
    country: "ES",
    description: "Madrid training company teaching Rust in Spanish to university graduates and company teams.",
    owner: { email: "lucia@pattern-match.example", name: "Lucía Fernández" },
    trainers: [
      {
        name: "Lucía Fernández",
        qualifications: "Lecturer in programming languages; Rust in her compilers course since 2020.",
        certifications: "PhD Computer Science",
        years: 12,
        links: ["https://lucia-fernandez.example"],
      },
    ],
    courses: [
      {
        key: "scratch",
        title: "Rust from Scratch",
        level: "foundation",
        description: "An introduction to Rust in Spanish, with exercises graded automatically.",
        modes: ["in_person", "self_paced"],
        languages: ["es", "en"],
        regions: ["ES", "MX", "AR"],
        modules: ["basics", "ownership", "errors", "testingBasics"],
      },
    ],
    plan: { status: "changes_requested" },
  },
  {
    slug: "zero-cost-academy",
    legalName: "Zero Cost Academy AG",
    displayName: "Zero Cost Academy",
    country: "CH",
    description: "Zürich academy for high-performance Rust in finance and scientific computing, taught in German, English and French.",
    owner: { email: "lea@zero-cost.example", name: "Lea Meier" },
    trainers: [
      {
        name: "Lea Meier",
        qualifications: "Quantitative developer; built a low-latency pricing engine in Rust.",
        certifications: "",
        years: 9,
        links: ["https://lea-meier.example"],
      },
      {
        name: "Nicolas Favre",
        qualifications: "HPC engineer at a research institute; SIMD and cache optimisation specialist.",
        certifications: "",
        years: 12,
        links: [],
      },
    ],
    courses: [
      {
        key: "hpc",
        title: "High-Performance Rust",
        level: "advanced",
        description: "Benchmarks, profiles, cache-friendly data layouts, SIMD and lock-free data structures.",
        modes: ["in_person", "online_live"],
        languages: ["de", "en", "fr"],
        regions: ["CH", "DE", "AT", "FR"],
        modules: ["profiling", "memoryLayout", "optimisation", "atomics"],
      },
    ],
    plan: { status: "awaiting_decision" },
  },
  {
    slug: "unwrap-institute",
    legalName: "Unwrap Institute Ltda",
    displayName: "Unwrap Institute",
    country: "BR",
    description: "São Paulo institute offering short introductory Rust courses in Portuguese.",
    owner: { email: "rafael@unwrap-institute.example", name: "Rafael Souza" },
    trainers: [
      { name: "Rafael Souza", qualifications: "Web developer; learning Rust since 2024.", certifications: "", years: 2, links: [] },
    ],
    courses: [
      {
        key: "three-days",
        title: "Rust in 3 Days",
        level: "foundation",
        description: "A quick tour of Rust syntax.",
        modes: ["self_paced"],
        languages: ["pt"],
        regions: ["BR", "PT"],
        modules: ["basics", "ownership", "errors"],
      },
    ],
    plan: { status: "rejected" },
  },
  {
    slug: "lifetime-learning",
    legalName: "Lifetime Learning sp. z o.o.",
    displayName: "Lifetime Learning",
    country: "PL",
    description: "Warsaw training provider for corporate teams; withdrew its application to restructure its course catalogue.",
    owner: { email: "piotr@lifetime-learning.example", name: "Piotr Nowak" },
    trainers: [
      { name: "Piotr Nowak", qualifications: "Embedded and backend developer; Rust since 2019.", certifications: "", years: 6, links: [] },
    ],
    courses: [
      {
        key: "corporate",
        title: "Rust for Corporate Teams",
        level: "intermediate",
        description: "Rust for teams with production services: lifetimes, threads, async and testing.",
        modes: ["in_person", "hybrid"],
        languages: ["pl", "en"],
        regions: ["PL", "CZ", "SK"],
        modules: ["lifetimes", "threads", "asyncIntro", "testStrategy"],
      },
    ],
    plan: { status: "withdrawn" },
  },
  // Three submitted applications with no reviewer yet: the batch staff auto-assign (/admin/assignments).
  ...(
    [
      ["borrow-bench", "Borrow Bench Academy", "NL", "Amsterdam", "Rust Ownership Intensive", "foundation", ["basics", "ownership", "errors"], "nl"],
      ["async-harbour", "Async Harbour", "DK", "Copenhagen", "Async Rust Services", "intermediate", ["asyncIntro", "tokio", "axum"], "da"],
      ["bare-metal-works", "Bare Metal Works", "FI", "Helsinki", "Embedded Rust Foundations", "intermediate", ["noStd", "embeddedHal", "rticEmbassy"], "fi"],
    ] as const
  ).map(
    ([slug, name, country, city, title, level, modules, language]): SeedProvider => ({
      slug,
      legalName: `${name} Oy`,
      displayName: name,
      country,
      description: `${city} training company; its first application waits for reviewers.`,
      owner: { email: `owner@${slug}.example`, name: `${name} Owner` },
      trainers: [{ name: `${city} Trainer`, qualifications: "Rust developer and trainer since 2019.", certifications: "", years: 6, links: [] }],
      courses: [
        {
          key: slug,
          title,
          level,
          description: `${title}, taught in ${city}.`,
          modes: ["in_person", "online_live"],
          languages: [language, "en"],
          regions: [country],
          modules: [...modules],
        },
      ],
      plan: { status: "submitted", awaitingReviewers: true },
    }),
  ),
];

/** The demo's published accreditation rubric: six weighted criteria, each scored 0–4 against a descriptor. */
export type SeedCriterion = { code: string; title: string; guidance: string; weight: number; descriptors: [string, string, string, string, string] };

export const RUBRIC = { version: 1, title: "Rust Training Accreditation Rubric" };

export const CRITERIA: SeedCriterion[] = [
  {
    code: "CUR",
    title: "Curriculum coverage",
    guidance:
      "Compare the syllabus mapping with the framework: are the core competencies at and below the course level covered at practised depth or deeper, and is the mapping honest?",
    weight: 3,
    descriptors: [
      "No usable mapping, or the syllabus does not match the course level.",
      "Large gaps in core competencies; several mappings are not supported by the module content.",
      "Most core competencies are covered, some only introduced; a few mappings are generous.",
      "All core competencies for the level are practised; mappings are accurate.",
      "Complete, accurate coverage with several competencies assessed and a clear progression between modules.",
    ],
  },
  {
    code: "OUT",
    title: "Learning outcomes and assessment",
    guidance:
      "Are learning outcomes observable and specific (\"write\", \"explain\", \"implement\")? How does the provider check that participants achieved them: exercises, code review, a capstone?",
    weight: 2,
    descriptors: [
      "No learning outcomes or assessment described.",
      "Outcomes are vague topic lists; attendance is the only evidence of learning.",
      "Outcomes are mostly observable; some exercises, but no structured assessment.",
      "Observable outcomes for every module, assessed through graded exercises or code review.",
      "Outcomes drive the design: every module is assessed and a capstone project is reviewed against published criteria.",
    ],
  },
  {
    code: "TRN",
    title: "Trainer expertise",
    guidance:
      "Look at the trainers' Rust experience (production code, open-source contributions, talks) and their teaching experience. Every course needs at least one trainer qualified for its level.",
    weight: 2,
    descriptors: [
      "No trainer information, or trainers without Rust experience.",
      "Trainers have limited Rust experience relative to the course level.",
      "Trainers have professional Rust experience; teaching experience is thin.",
      "Experienced Rust practitioners with a track record of teaching.",
      "Recognised experts (maintainers, authors, speakers) with substantial teaching experience for every course offered.",
    ],
  },
  {
    code: "DEL",
    title: "Delivery and materials",
    guidance:
      "Review the materials, exercises and the delivery modes offered. Are materials current with the stable toolchain and the latest edition? Does each mode (in person, online, self-paced) keep hands-on practice?",
    weight: 1.5,
    descriptors: [
      "Materials missing or unusable.",
      "Materials outdated (old edition or deprecated crates) or mostly slides without practice.",
      "Current materials with some hands-on exercises; one or more delivery modes lack practice.",
      "Current, well-structured materials; hands-on exercises in every mode offered.",
      "Excellent materials kept current by a documented process, with exercises, solutions and feedback in every mode.",
    ],
  },
  {
    code: "QA",
    title: "Quality assurance",
    guidance:
      "How does the provider keep quality up: participant feedback, trainer observation, review of materials after each edition, handling of complaints?",
    weight: 1,
    descriptors: [
      "No quality process.",
      "Informal feedback only, with no evidence that it leads to changes.",
      "Feedback is collected systematically; changes are made occasionally.",
      "A documented quality process with regular reviews and evidence of improvements.",
      "A mature, documented cycle of feedback, observation and review, with measured outcomes and published results.",
    ],
  },
  {
    code: "SUP",
    title: "Learner support and accessibility",
    guidance:
      "What support do participants get before, during and after the course (prerequisite checks, office hours, forums)? Are materials and venues accessible, and are accommodations offered?",
    weight: 1,
    descriptors: [
      "No learner support described.",
      "Support limited to the training days; no accessibility provisions.",
      "Some support after the course; accessibility handled on request.",
      "Clear prerequisites, support during and after the course, and accessible materials.",
      "Comprehensive support (mentoring, community, follow-ups) and accessibility designed in from the start.",
    ],
  },
];

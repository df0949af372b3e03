/**
 * JSON Schema (draft 2019-09, as 1EdTech publishes the CASE 1.1 schemas) for the CASE 1.1 payloads,
 * written for this portal from the field tables of the CASE 1.1 information model and REST binding: the
 * required fields of each class, UUIDs of version 1–5 (the 1.1 OpenAPI rejects v7), ISO 8601
 * date-times with an offset, and no properties outside each class's table. It is the portal's own
 * text, not a copy of 1EdTech's files. `$defs` names one definition per payload an endpoint answers, so
 * a test can validate each response against `<id>#/$defs/<name>`.
 */
const uuid = {
  type: "string",
  description: "UUID of version 1 to 5, 8-4-4-4-12 hex",
  pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
} as const;
const str = { type: "string" } as const;
const strings = { type: "array", items: str } as const;
const uri = { type: "string", format: "uri" } as const;
const dateTime = { type: "string", format: "date-time" } as const;
const date = { type: "string", format: "date" } as const;
const extensions = { type: "object" } as const;
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const list = (name: string) => ({ type: "array", items: ref(name) });
/** An enumerated value or an extension token `ext:…`, as the binding allows for open vocabularies. */
const extEnum = (values: string[]) => ({ anyOf: [{ enum: values }, { type: "string", pattern: "^ext:[a-zA-Z0-9._-]+$" }] });

function object(properties: Record<string, unknown>, required: string[]) {
  return { type: "object", properties, required, additionalProperties: false } as const;
}

const documentFields = {
  identifier: ref("UUID"),
  uri,
  frameworkType: str,
  caseVersion: { enum: ["1.1"] },
  creator: str,
  title: str,
  lastChangeDateTime: dateTime,
  officialSourceURL: uri,
  publisher: str,
  description: str,
  subject: strings,
  subjectURI: list("LinkURI"),
  language: str,
  version: str,
  adoptionStatus: str,
  statusStartDate: date,
  statusEndDate: date,
  licenseURI: ref("LinkURI"),
  notes: str,
  extensions,
};
const documentRequired = ["identifier", "uri", "creator", "title", "lastChangeDateTime"];

const itemFields = {
  identifier: ref("UUID"),
  fullStatement: str,
  alternativeLabel: str,
  CFItemType: str,
  uri,
  humanCodingScheme: str,
  listEnumeration: str,
  abbreviatedStatement: str,
  conceptKeywords: strings,
  conceptKeywordsURI: ref("LinkURI"),
  notes: str,
  subject: strings,
  subjectURI: list("LinkURI"),
  language: str,
  educationLevel: strings,
  CFItemTypeURI: ref("LinkURI"),
  licenseURI: ref("LinkURI"),
  statusStartDate: date,
  statusEndDate: date,
  lastChangeDateTime: dateTime,
  extensions,
};
const itemRequired = ["identifier", "fullStatement", "uri", "lastChangeDateTime"];

const associationFields = {
  identifier: ref("UUID"),
  associationType: extEnum(["isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf"]),
  sequenceNumber: { type: "integer" },
  uri,
  originNodeURI: ref("LinkGenURI"),
  destinationNodeURI: ref("LinkGenURI"),
  CFAssociationGroupingURI: ref("LinkURI"),
  lastChangeDateTime: dateTime,
  notes: str,
  extensions,
};
const associationRequired = ["identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"];

export const CASE_SCHEMA_ID = "https://accreditation-portal.invalid/schemas/case-v1p1.json";

export const caseSchema = {
  $schema: "https://json-schema.org/draft/2019-09/schema",
  $id: CASE_SCHEMA_ID,
  title: "CASE 1.1 payloads (CFPackage and the REST binding's responses)",
  $ref: "#/$defs/CFPackage",
  $defs: {
    UUID: uuid,
    LinkURI: object({ title: str, identifier: ref("UUID"), uri }, ["title", "identifier", "uri"]),
    // The node of an association may live outside CASE, so its identifier need not be a UUID.
    LinkGenURI: object({ title: str, identifier: str, uri, targetType: extEnum(["CASE"]) }, ["title", "identifier", "uri"]),

    CFPckgDocument: object(documentFields, documentRequired),
    CFDocument: object({ ...documentFields, CFPackageURI: ref("LinkURI") }, [...documentRequired, "CFPackageURI"]),
    CFPckgItem: object(itemFields, itemRequired),
    CFItem: object({ ...itemFields, CFDocumentURI: ref("LinkURI") }, [...itemRequired, "CFDocumentURI"]),
    CFPckgAssociation: object(associationFields, associationRequired),
    CFAssociation: object({ ...associationFields, CFDocumentURI: ref("LinkURI") }, associationRequired),

    CFItemType: object(
      { identifier: ref("UUID"), uri, title: str, description: str, hierarchyCode: str, typeCode: str, lastChangeDateTime: dateTime, extensions },
      ["identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"],
    ),
    CFConcept: object(
      { identifier: ref("UUID"), uri, title: str, keywords: str, hierarchyCode: str, description: str, lastChangeDateTime: dateTime, extensions },
      ["identifier", "uri", "title", "hierarchyCode", "lastChangeDateTime"],
    ),
    CFSubject: object(
      { identifier: ref("UUID"), uri, title: str, hierarchyCode: str, description: str, lastChangeDateTime: dateTime, extensions },
      ["identifier", "uri", "title", "hierarchyCode", "lastChangeDateTime"],
    ),
    CFLicense: object(
      { identifier: ref("UUID"), uri, title: str, description: str, licenseText: str, lastChangeDateTime: dateTime, extensions },
      ["identifier", "uri", "title", "licenseText", "lastChangeDateTime"],
    ),
    CFAssociationGrouping: object(
      { identifier: ref("UUID"), uri, title: str, description: str, lastChangeDateTime: dateTime, extensions },
      ["identifier", "uri", "title", "lastChangeDateTime"],
    ),
    CFDefinition: object(
      {
        CFConcepts: list("CFConcept"),
        CFSubjects: list("CFSubject"),
        CFLicenses: list("CFLicense"),
        CFItemTypes: list("CFItemType"),
        CFAssociationGroupings: list("CFAssociationGrouping"),
        extensions,
      },
      [],
    ),

    CFRubricCriterionLevel: object(
      {
        identifier: ref("UUID"),
        uri,
        description: str,
        quality: str,
        score: { type: "number" },
        feedback: str,
        position: { type: "integer" },
        rubricCriterionId: ref("UUID"),
        lastChangeDateTime: dateTime,
        extensions,
      },
      ["identifier", "uri", "lastChangeDateTime"],
    ),
    CFRubricCriterion: object(
      {
        identifier: ref("UUID"),
        uri,
        category: str,
        description: str,
        CFItemURI: ref("LinkURI"),
        weight: { type: "number" },
        position: { type: "integer" },
        rubricId: ref("UUID"),
        lastChangeDateTime: dateTime,
        CFRubricCriterionLevels: list("CFRubricCriterionLevel"),
        extensions,
      },
      ["identifier", "uri", "lastChangeDateTime"],
    ),
    CFRubric: object(
      { identifier: ref("UUID"), uri, title: str, description: str, lastChangeDateTime: dateTime, CFRubricCriteria: list("CFRubricCriterion"), extensions },
      ["identifier", "uri", "lastChangeDateTime"],
    ),

    CFPackage: object(
      {
        CFDocument: ref("CFPckgDocument"),
        CFItems: list("CFPckgItem"),
        CFAssociations: list("CFPckgAssociation"),
        CFDefinitions: ref("CFDefinition"),
        CFRubrics: list("CFRubric"),
        extensions,
      },
      ["CFDocument"],
    ),
    CFDocumentSet: object({ CFDocuments: { ...list("CFDocument"), minItems: 1 } }, ["CFDocuments"]),
    CFAssociationSet: object({ CFItem: ref("CFItem"), CFAssociations: { ...list("CFPckgAssociation"), minItems: 1 } }, ["CFItem", "CFAssociations"]),
    CFConceptSet: object({ CFConcepts: { ...list("CFConcept"), minItems: 1 } }, ["CFConcepts"]),
    CFSubjectSet: object({ CFSubjects: { ...list("CFSubject"), minItems: 1 } }, ["CFSubjects"]),
    CFItemTypeSet: object({ CFItemTypes: { ...list("CFItemType"), minItems: 1 } }, ["CFItemTypes"]),

    imsx_StatusInfo: object(
      {
        imsx_codeMajor: { enum: ["success", "processing", "failure", "unsupported"] },
        imsx_severity: { enum: ["status", "warning", "error"] },
        imsx_description: str,
        imsx_codeMinor: object(
          {
            imsx_codeMinorField: {
              type: "array",
              minItems: 1,
              items: object({ imsx_codeMinorFieldName: str, imsx_codeMinorFieldValue: str }, ["imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"]),
            },
          },
          ["imsx_codeMinorField"],
        ),
      },
      ["imsx_codeMajor", "imsx_severity"],
    ),
  },
} as const;

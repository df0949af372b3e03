/**
 * JSON Schema (draft 2020-12) for a CASE 1.1 CFPackage, written for this portal from the CASE 1.1
 * information model (see docs/decisions/ on CASE identifiers): the required fields per class, UUIDs of
 * version 1–5 only (the 1.1 OpenAPI rejects v7), ISO 8601 date-times, and no unknown properties except
 * inside `extensions`. It covers the classes the portal reads and writes (CFDocument, CFItem,
 * CFAssociation, link URIs); CFDefinitions and CFRubrics are accepted with their identifying fields checked.
 */
const uuid = {
  type: "string",
  description: "UUID of version 1 to 5, lower or upper case hex, 8-4-4-4-12",
  pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
} as const;
const str = { type: "string" } as const;
const strings = { type: "array", items: str } as const;
const dateTime = { type: "string", format: "date-time" } as const;
const date = { type: "string", format: "date" } as const;
const extensions = { type: "object", additionalProperties: true } as const;
const extEnum = (values: string[]) => ({
  oneOf: [
    { type: "string", enum: values },
    { type: "string", pattern: "^ext:[a-zA-Z0-9._-]+$" },
  ],
});

export const CASE_PACKAGE_SCHEMA_ID = "urn:portal:case-v1p1-cfpackage";

export const casePackageSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: CASE_PACKAGE_SCHEMA_ID,
  title: "CASE 1.1 CFPackage",
  type: "object",
  properties: {
    CFDocument: { $ref: "#/$defs/CFPckgDocument" },
    CFItems: { type: "array", items: { $ref: "#/$defs/CFPckgItem" } },
    CFAssociations: { type: "array", items: { $ref: "#/$defs/CFPckgAssociation" } },
    CFDefinitions: { $ref: "#/$defs/CFDefinition" },
    CFRubrics: { type: "array", items: { $ref: "#/$defs/CFRubric" } },
    extensions,
  },
  required: ["CFDocument"],
  additionalProperties: false,
  $defs: {
    UUID: uuid,
    LinkURI: {
      type: "object",
      properties: { title: str, identifier: { $ref: "#/$defs/UUID" }, uri: str },
      required: ["title", "identifier", "uri"],
      additionalProperties: false,
    },
    LinkGenURI: {
      type: "object",
      // The node identifier of an association may point outside CASE, so it need not be a UUID.
      properties: { title: str, identifier: str, uri: str, targetType: extEnum(["CASE"]) },
      required: ["title", "identifier", "uri"],
      additionalProperties: false,
    },
    CFPckgDocument: {
      type: "object",
      properties: {
        identifier: { $ref: "#/$defs/UUID" },
        uri: str,
        frameworkType: str,
        caseVersion: { type: "string", enum: ["1.1"] },
        creator: str,
        title: str,
        lastChangeDateTime: dateTime,
        officialSourceURL: str,
        publisher: str,
        description: str,
        subject: strings,
        subjectURI: { type: "array", items: { $ref: "#/$defs/LinkURI" } },
        language: str,
        version: str,
        adoptionStatus: str,
        statusStartDate: date,
        statusEndDate: date,
        licenseURI: { $ref: "#/$defs/LinkURI" },
        notes: str,
        extensions,
      },
      required: ["identifier", "uri", "creator", "title", "lastChangeDateTime"],
      additionalProperties: false,
    },
    CFPckgItem: {
      type: "object",
      properties: {
        identifier: { $ref: "#/$defs/UUID" },
        fullStatement: str,
        alternativeLabel: str,
        CFItemType: str,
        uri: str,
        humanCodingScheme: str,
        listEnumeration: str,
        abbreviatedStatement: str,
        conceptKeywords: strings,
        conceptKeywordsURI: { $ref: "#/$defs/LinkURI" },
        notes: str,
        subject: strings,
        subjectURI: { type: "array", items: { $ref: "#/$defs/LinkURI" } },
        language: str,
        educationLevel: strings,
        CFItemTypeURI: { $ref: "#/$defs/LinkURI" },
        licenseURI: { $ref: "#/$defs/LinkURI" },
        statusStartDate: date,
        statusEndDate: date,
        lastChangeDateTime: dateTime,
        extensions,
      },
      required: ["identifier", "fullStatement", "uri", "lastChangeDateTime"],
      additionalProperties: false,
    },
    CFPckgAssociation: {
      type: "object",
      properties: {
        identifier: { $ref: "#/$defs/UUID" },
        associationType: extEnum([
          "isChildOf",
          "isPeerOf",
          "isPartOf",
          "exactMatchOf",
          "precedes",
          "isRelatedTo",
          "replacedBy",
          "exemplar",
          "hasSkillLevel",
          "isTranslationOf",
        ]),
        sequenceNumber: { type: "integer" },
        uri: str,
        originNodeURI: { $ref: "#/$defs/LinkGenURI" },
        destinationNodeURI: { $ref: "#/$defs/LinkGenURI" },
        CFAssociationGroupingURI: { $ref: "#/$defs/LinkURI" },
        lastChangeDateTime: dateTime,
        notes: str,
        extensions,
      },
      required: ["identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"],
      additionalProperties: false,
    },
    CFDefinition: {
      type: "object",
      properties: {
        CFConcepts: { type: "array", items: { $ref: "#/$defs/Definition" } },
        CFSubjects: { type: "array", items: { $ref: "#/$defs/Definition" } },
        CFLicenses: { type: "array", items: { $ref: "#/$defs/Definition" } },
        CFItemTypes: { type: "array", items: { $ref: "#/$defs/Definition" } },
        CFAssociationGroupings: { type: "array", items: { $ref: "#/$defs/Definition" } },
        extensions,
      },
      additionalProperties: false,
    },
    Definition: {
      type: "object",
      properties: { identifier: { $ref: "#/$defs/UUID" }, uri: str, title: str, lastChangeDateTime: dateTime },
      required: ["identifier", "uri", "title", "lastChangeDateTime"],
    },
    CFRubric: {
      type: "object",
      properties: { identifier: { $ref: "#/$defs/UUID" }, uri: str, title: str, description: str, lastChangeDateTime: dateTime },
      required: ["identifier", "uri", "lastChangeDateTime"],
    },
  },
} as const;

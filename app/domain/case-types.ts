/** The CASE 1.1 JSON shapes the portal writes and reads (the subset of fields it uses). */

export type LinkURI = { title: string; identifier: string; uri: string };

export type CFDocumentJson = {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  frameworkType?: string;
  caseVersion?: "1.1";
  officialSourceURL?: string;
  publisher?: string;
  description?: string;
  subject?: string[];
  subjectURI?: LinkURI[];
  language?: string;
  version?: string;
  adoptionStatus?: string;
  statusStartDate?: string;
  statusEndDate?: string;
  CFPackageURI?: LinkURI;
  extensions?: Record<string, unknown>;
};

export type CFItemJson = {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  abbreviatedStatement?: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  CFItemTypeURI?: LinkURI;
  conceptKeywords?: string[];
  conceptKeywordsURI?: LinkURI;
  educationLevel?: string[];
  language?: string;
  notes?: string;
  extensions?: Record<string, unknown>;
  CFDocumentURI?: LinkURI;
};

export type CFAssociationJson = {
  identifier: string;
  uri: string;
  associationType: string;
  originNodeURI: LinkURI & { targetType?: string };
  destinationNodeURI: LinkURI & { targetType?: string };
  lastChangeDateTime: string;
  sequenceNumber?: number;
  CFAssociationGroupingURI?: LinkURI;
  notes?: string;
  extensions?: Record<string, unknown>;
  CFDocumentURI?: LinkURI;
};

type Definition = { identifier: string; uri: string; title: string; lastChangeDateTime: string; [key: string]: unknown };

export type CFDefinitionsJson = {
  CFItemTypes?: Definition[];
  CFConcepts?: Definition[];
  CFSubjects?: Definition[];
  CFLicenses?: Definition[];
  CFAssociationGroupings?: Definition[];
};

export type CFRubricJson = {
  identifier: string;
  uri: string;
  title?: string;
  description?: string;
  lastChangeDateTime: string;
  CFRubricCriteria?: {
    identifier: string;
    uri: string;
    category?: string;
    description?: string;
    weight?: number;
    position?: number;
    rubricId?: string;
    lastChangeDateTime: string;
    CFRubricCriterionLevels?: {
      identifier: string;
      uri: string;
      description?: string;
      quality?: string;
      score?: number;
      position?: number;
      rubricCriterionId?: string;
      lastChangeDateTime: string;
    }[];
  }[];
};

export type CFPackageJson = {
  CFDocument: CFDocumentJson;
  CFItems?: CFItemJson[];
  CFAssociations?: CFAssociationJson[];
  CFDefinitions?: CFDefinitionsJson;
  CFRubrics?: CFRubricJson[];
  extensions?: Record<string, unknown>;
};

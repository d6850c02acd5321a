/**
 * CloudFormation's template quotas, from "Understand CloudFormation quotas"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), and the logical id
 * rule of the Resources section (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html).
 */

/** Bytes of a template body passed inline in CreateStack, UpdateStack, CreateChangeSet or ValidateTemplate. */
export const MAX_INLINE_TEMPLATE_BYTES = 51_200;
/**
 * Bytes of a template body read from an Amazon S3 object (`TemplateURL`): "1 MB" on the quotas page.
 * UNVERIFIED: read as 1,048,576 bytes; the page does not say whether it means 10^6 or 2^20.
 */
export const MAX_S3_TEMPLATE_BYTES = 1_048_576;
export const MAX_RESOURCES = 500;
export const MAX_PARAMETERS = 200;
export const MAX_OUTPUTS = 200;
export const MAX_MAPPINGS = 200;
/** Mapping attributes (second-level keys) per mapping. */
export const MAX_MAPPING_ATTRIBUTES = 200;
/** Characters of a resource's logical id, a parameter's, an output's or a mapping's name. */
export const MAX_NAME_CHARACTERS = 255;
export const MAX_DESCRIPTION_BYTES = 1_024;
/** Logical ids, parameter, output, mapping and condition names are alphanumeric. */
export const NAME_PATTERN = /^[A-Za-z0-9]+$/;

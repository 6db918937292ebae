// Types for the generated validator (see scripts/gen-validator.mjs).
declare const validate: ((data: unknown) => boolean) & { errors?: import('ajv').ErrorObject[] | null };
export default validate;
export { validate };

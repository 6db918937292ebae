/** README.md made fit for the Marketplace page (scripts/marketplace-readme.mjs). */
export function marketplaceReadme(text: string): string;

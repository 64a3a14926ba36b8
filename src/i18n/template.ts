/** Fills `{name}` placeholders of a message; unknown names are left as they are (visible in tests). */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

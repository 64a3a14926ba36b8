/**
 * One terminal line that never overflows: the text is cut to `width` columns here, because
 * Ink 6.8's own truncation can overflow by a column on CJK text (docs/architecture.md#cjk-text).
 */
import {Text} from 'ink';
import {truncateToWidth} from '../../text/width.js';

export interface LineProps {
	text: string;
	width: number;
	color?: string | undefined;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
}

export function Line({text, width, color, bold, dim, inverse}: LineProps) {
	return (
		<Text color={color} bold={bold} dimColor={dim} inverse={inverse} wrap="truncate-end">
			{truncateToWidth(text, width) || ' '}
		</Text>
	);
}

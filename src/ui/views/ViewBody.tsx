/** The view the state picked (views/screen.ts), given its model and the feeds it shows. */
import {HelpOverlay} from '../components/HelpOverlay.js';
import type {ConsoleApp} from '../hooks/useConsoleApp.js';
import {viewTitleOf} from '../state/derived.js';
import {ApplicantView} from './ApplicantView.js';
import {AuditView} from './AuditView.js';
import {CaptureScreen} from './CaptureScreen.js';
import {CasesView} from './CasesView.js';
import {DetailView} from './DetailView.js';
import {MaterialsView} from './MaterialsView.js';
import {PagedView} from './PagedView.js';
import {SearchView} from './SearchView.js';
import {SignInView} from './SignInView.js';
import {SupervisorPrompt} from './SupervisorPrompt.js';

export function ViewBody({app}: {app: ConsoleApp}) {
	const {state, screen, feeds, cases, size, context} = app;
	const {columns: width, viewHeight: height} = size;
	const top = 1 + size.paletteLines;
	switch (screen.view) {
		case 'signin':
			return <SignInView auth={state.session} hub={feeds.hub} width={width} height={size.bodyHeight} top={1} />;
		case 'approval':
			return state.session.approval ? <SupervisorPrompt prompt={state.session.approval} makerName={state.session.operator?.name ?? ''} width={width} height={size.bodyHeight} top={1} /> : null;
		case 'help':
			return <HelpOverlay rows={screen.rows} scroll={state.nav.help.scroll} viewTitle={viewTitleOf(state)} width={width} height={size.bodyHeight} />;
		case 'applicant':
			return <ApplicantView applicant={state.case.applicant} demoCard={feeds.demoCard} hasDemo={Boolean(context.services.demoCards)} width={width} height={height} top={top} />;
		case 'eligibility':
		case 'paged':
			return <PagedView {...screen.model} width={width} height={height} top={top} />;
		case 'materials':
			return <MaterialsView {...screen.model} previewDepth={app.previewDepth} width={width} height={height} />;
		case 'capture':
			return <CaptureScreen capture={screen.capture} name={screen.name} previewDepth={app.previewDepth} width={width} height={height} />;
		case 'cases':
			return <CasesView rows={cases.rows} selected={Math.min(state.nav.cases.selected, Math.max(0, cases.rows.length - 1))} polledAt={cases.polledAt} retryInMs={cases.retryInMs} width={width} height={height} />;
		case 'audit':
			return <AuditView entries={feeds.audit.entries} problem={feeds.audit.problem?.[state.nav.lang]} scroll={state.nav.audit.scroll} width={width} height={height} />;
		case 'detail':
			return <DetailView title={screen.model.title} lines={screen.model.lines} scroll={screen.scroll} width={width} height={height} />;
		case 'search':
			return <SearchView search={state.search} result={screen.result} active={state.nav.overlay === 'none'} width={width} height={height} top={top} />;
		case 'blank':
			return null;
	}
}


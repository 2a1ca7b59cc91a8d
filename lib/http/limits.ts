// Pure: how large a server action's body may be. Long stories with tables run
// past Next's 1 MB default; this sits above the story limit
// (STORY_BODY_MAX_CHARS, checked in lib/) so users get that clear message
// rather than a transport error (Chinese is 3 bytes a character). Read by
// next.config.ts and by the server, which answers a larger post itself.
export const SERVER_ACTION_BODY_LIMIT_MB = 12;

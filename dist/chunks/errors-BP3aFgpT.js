// src/errors.ts
/**
* An error the user can fix (bad flag, bad config, unknown git ref): the CLI prints only its message and exits 2,
* the action fails the step with it. Anything else is a bug and keeps its stack.
*/
var UserError = class extends Error {
	name = "UserError";
};
export { UserError as t };

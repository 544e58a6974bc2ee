import { r as __toESM, t as __commonJSMin } from "./rolldown-runtime-BNWGG1sI.js";
// node_modules/js-tiktoken/dist/chunk-VL2OQCWN.js
var import_base64_js = /* @__PURE__ */ __toESM((/* @__PURE__ */ __commonJSMin(((exports) => {
	exports.toByteArray = toByteArray;
	var lookup = [];
	var revLookup = [];
	var Arr = typeof Uint8Array !== "undefined" ? Uint8Array : Array;
	var code = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (var i = 0, len = code.length; i < len; ++i) {
		lookup[i] = code[i];
		revLookup[code.charCodeAt(i)] = i;
	}
	revLookup["-".charCodeAt(0)] = 62;
	revLookup["_".charCodeAt(0)] = 63;
	function getLens(b64) {
		var len = b64.length;
		if (len % 4 > 0) throw new Error("Invalid string. Length must be a multiple of 4");
		var validLen = b64.indexOf("=");
		if (validLen === -1) validLen = len;
		var placeHoldersLen = validLen === len ? 0 : 4 - validLen % 4;
		return [validLen, placeHoldersLen];
	}
	function _byteLength(b64, validLen, placeHoldersLen) {
		return (validLen + placeHoldersLen) * 3 / 4 - placeHoldersLen;
	}
	function toByteArray(b64) {
		var tmp;
		var lens = getLens(b64);
		var validLen = lens[0];
		var placeHoldersLen = lens[1];
		var arr = new Arr(_byteLength(b64, validLen, placeHoldersLen));
		var curByte = 0;
		var len = placeHoldersLen > 0 ? validLen - 4 : validLen;
		var i = 0;
		for (; i < len; i += 4) {
			tmp = revLookup[b64.charCodeAt(i)] << 18 | revLookup[b64.charCodeAt(i + 1)] << 12 | revLookup[b64.charCodeAt(i + 2)] << 6 | revLookup[b64.charCodeAt(i + 3)];
			arr[curByte++] = tmp >> 16 & 255;
			arr[curByte++] = tmp >> 8 & 255;
			arr[curByte++] = tmp & 255;
		}
		if (placeHoldersLen === 2) {
			tmp = revLookup[b64.charCodeAt(i)] << 2 | revLookup[b64.charCodeAt(i + 1)] >> 4;
			arr[curByte++] = tmp & 255;
		}
		if (placeHoldersLen === 1) {
			tmp = revLookup[b64.charCodeAt(i)] << 10 | revLookup[b64.charCodeAt(i + 1)] << 4 | revLookup[b64.charCodeAt(i + 2)] >> 2;
			arr[curByte++] = tmp >> 8 & 255;
			arr[curByte++] = tmp & 255;
		}
		return arr;
	}
})))(), 1);
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, {
	enumerable: true,
	configurable: true,
	writable: true,
	value
}) : obj[key] = value;
var __publicField = (obj, key, value) => {
	__defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
	return value;
};
function bytePairMerge(piece, ranks) {
	let parts = Array.from({ length: piece.length }, (_, i) => ({
		start: i,
		end: i + 1
	}));
	while (parts.length > 1) {
		let minRank = null;
		for (let i = 0; i < parts.length - 1; i++) {
			const slice = piece.slice(parts[i].start, parts[i + 1].end);
			const rank = ranks.get(slice.join(","));
			if (rank == null) continue;
			if (minRank == null || rank < minRank[0]) minRank = [rank, i];
		}
		if (minRank != null) {
			const i = minRank[1];
			parts[i] = {
				start: parts[i].start,
				end: parts[i + 1].end
			};
			parts.splice(i + 1, 1);
		} else break;
	}
	return parts;
}
function bytePairEncode(piece, ranks) {
	if (piece.length === 1) return [ranks.get(piece.join(","))];
	return bytePairMerge(piece, ranks).map((p) => ranks.get(piece.slice(p.start, p.end).join(","))).filter((x) => x != null);
}
function escapeRegex(str) {
	return str.replace(/[\\^$*+?.()|[\]{}]/g, "\\$&");
}
var _Tiktoken = class {
	/** @internal */
	specialTokens;
	/** @internal */
	inverseSpecialTokens;
	/** @internal */
	patStr;
	/** @internal */
	textEncoder = new TextEncoder();
	/** @internal */
	textDecoder = new TextDecoder("utf-8");
	/** @internal */
	rankMap = /* @__PURE__ */ new Map();
	/** @internal */
	textMap = /* @__PURE__ */ new Map();
	constructor(ranks, extendedSpecialTokens) {
		this.patStr = ranks.pat_str;
		const uncompressed = ranks.bpe_ranks.split("\n").filter(Boolean).reduce((memo, x) => {
			const [_, offsetStr, ...tokens] = x.split(" ");
			const offset = Number.parseInt(offsetStr, 10);
			tokens.forEach((token, i) => memo[token] = offset + i);
			return memo;
		}, {});
		for (const [token, rank] of Object.entries(uncompressed)) {
			const bytes = import_base64_js.toByteArray(token);
			this.rankMap.set(bytes.join(","), rank);
			this.textMap.set(rank, bytes);
		}
		this.specialTokens = {
			...ranks.special_tokens,
			...extendedSpecialTokens
		};
		this.inverseSpecialTokens = Object.entries(this.specialTokens).reduce((memo, [text, rank]) => {
			memo[rank] = this.textEncoder.encode(text);
			return memo;
		}, {});
	}
	encode(text, allowedSpecial = [], disallowedSpecial = "all") {
		const regexes = new RegExp(this.patStr, "ug");
		const specialRegex = _Tiktoken.specialTokenRegex(Object.keys(this.specialTokens));
		const ret = [];
		const allowedSpecialSet = new Set(allowedSpecial === "all" ? Object.keys(this.specialTokens) : allowedSpecial);
		const disallowedSpecialSet = new Set(disallowedSpecial === "all" ? Object.keys(this.specialTokens).filter((x) => !allowedSpecialSet.has(x)) : disallowedSpecial);
		if (disallowedSpecialSet.size > 0) {
			const disallowedSpecialRegex = _Tiktoken.specialTokenRegex([...disallowedSpecialSet]);
			const specialMatch = text.match(disallowedSpecialRegex);
			if (specialMatch != null) throw new Error(`The text contains a special token that is not allowed: ${specialMatch[0]}`);
		}
		let start = 0;
		while (true) {
			let nextSpecial = null;
			let startFind = start;
			while (true) {
				specialRegex.lastIndex = startFind;
				nextSpecial = specialRegex.exec(text);
				if (nextSpecial == null || allowedSpecialSet.has(nextSpecial[0])) break;
				startFind = nextSpecial.index + 1;
			}
			const end = nextSpecial?.index ?? text.length;
			for (const match of text.substring(start, end).matchAll(regexes)) {
				const piece = this.textEncoder.encode(match[0]);
				const token2 = this.rankMap.get(piece.join(","));
				if (token2 != null) {
					ret.push(token2);
					continue;
				}
				ret.push(...bytePairEncode(piece, this.rankMap));
			}
			if (nextSpecial == null) break;
			let token = this.specialTokens[nextSpecial[0]];
			ret.push(token);
			start = nextSpecial.index + nextSpecial[0].length;
		}
		return ret;
	}
	decode(tokens) {
		const res = [];
		let length = 0;
		for (let i2 = 0; i2 < tokens.length; ++i2) {
			const token = tokens[i2];
			const bytes = this.textMap.get(token) ?? this.inverseSpecialTokens[token];
			if (bytes != null) {
				res.push(bytes);
				length += bytes.length;
			}
		}
		const mergedArray = new Uint8Array(length);
		let i = 0;
		for (const bytes of res) {
			mergedArray.set(bytes, i);
			i += bytes.length;
		}
		return this.textDecoder.decode(mergedArray);
	}
};
var Tiktoken = _Tiktoken;
__publicField(Tiktoken, "specialTokenRegex", (tokens) => {
	return new RegExp(tokens.map((i) => escapeRegex(i)).join("|"), "g");
});
export { Tiktoken };

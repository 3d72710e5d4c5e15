# bash completion for inspex(1). Works with or without the bash-completion
# package: it reads COMP_WORDS itself, so '--format=js' and '--format js'
# both complete.
_inspex()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= pre=
	local formats='report json jsonl tsv text csv html'
	local opts='--format --reference-date --rules --no-default-rules
		--list-rules --explain --color --jobs --recursive --files-from
		--quiet --help --version'

	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# bash splits '--opt=value' at '=' (COMP_WORDBREAKS), or it does not
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		pre=$prev=
		cur=${cur#*=}
	fi
	COMPREPLY=()
	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -P "$pre" -W "$formats" -- "$cur"))
		return 0
		;;
	--color)
		COMPREPLY=($(compgen -P "$pre" -W 'auto always never' -- "$cur"))
		return 0
		;;
	--reference-date)
		COMPREPLY=($(compgen -P "$pre" -W "$(date +%Y-%m-%d)" -- "$cur"))
		return 0
		;;
	--rules | --files-from)
		# nothing here: -o default completes file names
		return 0
		;;
	-j | --jobs)
		COMPREPLY=($(compgen -P "$pre" -W "0 1 2 4 8" -- "$cur"))
		return 0
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts -f -h -j -r -q" -- "$cur"))
	fi
	return 0
}
complete -o bashdefault -o default -F _inspex inspex

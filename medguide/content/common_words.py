"""Everyday and general clinical English words of five letters or more.

Used to pick candidate drug names out of an article: any longer word that is not listed here
is a candidate, and the importer keeps only the candidates that match a known drug.
"""

from __future__ import annotations

_WORDS = """
    about above absence according achieve achieved achieving across action actions active
    activating activation activity actually acute addition additional address addresses
    adequate adjust adjusted adjustment adjustments administered administration adult adults
    advanced adverse affect after again against agent agents agonist agonists allow allowing
    almost alone along already also alternative although always among amount analogous another
    answer anyone approach approaches appropriate approved approximately areas around arteries
    article articles assess associated available avoid based baseline basis because become
    before beginning behind being below benefit benefits better between beyond binding blood
    board bodies body brain breakdown breastfeeding brief called cannot cardiac cardiovascular
    caregiver cases caution cause caused causes causing cells certain chain change changes
    chronic class classes clear clinical clinically close combination combined common commonly
    compared complete completely complications concern concerns condition conditions consider
    consideration considerations considered consistent contact continue continued continuous
    control could count counts critical current currently daily damage decision decrease
    decreased depending despite determine determined develop developing development diabetes
    diagnosis different directly discontinuation discontinue discuss disease diseases disorder
    disorders doctor doctors domain domains doses dosing drugs during early effect effective
    effects efficacy either elderly elevated eliminate elimination endogenous enhanced enough
    ensure equivalent especially established evaluate evaluation every evidence example excess
    excessive exercise expected experience experienced factor factors failed failing failure
    fever first following found function further general generally given greater group groups
    guidance guideline guidelines healthcare heart helps higher highly history however human
    identical immune important improve improved improves include included includes including
    increase increased increases increasing independently indicated individual individuals
    infection infections information initial initiating inside instead intended intervention
    involves issues kidney known large later learn least level levels liability lifelong limited
    liver local long-term longer lower maintain maintained major making management manner
    maximum means measure medical medication medications medicine medicines meaning median
    might minimum moderate monitor monitoring monthly months morbidity mortality multiple
    naturally nearly needed needs never normal number occur occurred occurring occurs often
    older online option options order other others outcome outcomes outpatient overall pathways
    patient patients pediatric people period persistent person phase physician physicians place
    platelet platelets point positive possible potential potentially practice practicing
    pregnancy presence pressure prevent prevention previous primary prior problem problems
    process produce production professional professionals profile profiles progression promotes
    proper protein provide provided providers question questions rapid rarely rather reaction
    reactions receive receiving recent recommended reduce reduced reducing regimen regular
    regularly related relevance relief remains repeated report reported required requirements
    research resistant response responses responding result resulting results review reviewed
    right risks routine safety scale score second serious setting several severe severity
    should significant significantly similar simple since single specific specifically stable
    start started starting status still stopped strong studies study subunits sudden suddenly
    suggests supplementary support sustained symptom symptoms system taken taking target
    therapies therapy these things think third those though three through throughout times
    tolerance total toxicity treat treated treating treatment treatments trial trials typically
    under understanding undetermined unless until upper usage usual usually utility valuable
    value variable various versus viability water weekly weeks weight whether which while whole
    whose within without women world worsening would years younger
    """

COMMON_WORDS: frozenset[str] = frozenset(_WORDS.split())

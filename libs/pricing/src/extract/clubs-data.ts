/**
 * Clubs the extractor recognises: the big five leagues (recent and registry seasons) plus the
 * clubs that most often buy from or sell to them. First entry is the name reports use; the rest
 * are names the press writes, in any of the six languages. All-capital names (PSG, OM) must be
 * written in capitals; the others must start with a capital. Lower-case nicknames live in the
 * language vocabularies.
 */
export const CLUBS: readonly (readonly string[])[] = [
  // England
  ['Arsenal'], ['Aston Villa'], ['Bournemouth', 'AFC Bournemouth'], ['Brentford'],
  ['Brighton', 'Brighton & Hove Albion', 'Brighton and Hove Albion'], ['Burnley'], ['Chelsea'],
  ['Crystal Palace', 'Palace'], ['Everton'], ['Fulham'], ['Leeds United', 'Leeds'], ['Leicester City', 'Leicester'],
  ['Liverpool'], ['Luton Town', 'Luton'], ['Manchester City', 'Man City', 'Man. City', 'City'],
  ['Manchester United', 'Man Utd', 'Man United', 'Manchester Utd', 'Man. United', 'United'],
  ['Newcastle United', 'Newcastle'], ['Nottingham Forest', 'Forest'], ['Sheffield United'], ['Southampton'],
  ['Tottenham Hotspur', 'Tottenham', 'Spurs'], ['West Ham United', 'West Ham'],
  ['Wolverhampton Wanderers', 'Wolves', 'Wolverhampton'], ['Ipswich Town', 'Ipswich'], ['Watford'],
  ['Norwich City', 'Norwich'], ['Sunderland'], ['West Bromwich Albion', 'West Brom'], ['Stoke City', 'Stoke'],
  ['Swansea City', 'Swansea'], ['Hull City'], ['Cardiff City'], ['Middlesbrough'], ['Huddersfield Town'],
  ['Queens Park Rangers', 'QPR'],
  // Italy
  ['Milan', 'AC Milan'], ['Inter', 'Internazionale', 'Inter Milan', 'Inter Milano'], ['Juventus', 'Juve'],
  ['Napoli', 'SSC Napoli'], ['Roma', 'AS Roma'], ['Lazio'], ['Atalanta'], ['Fiorentina'], ['Bologna'], ['Torino'],
  ['Udinese'], ['Sassuolo'], ['Genoa'], ['Sampdoria'], ['Empoli'], ['Lecce'], ['Monza'], ['Hellas Verona', 'Verona'],
  ['Cagliari'], ['Salernitana'], ['Frosinone'], ['Spezia'], ['Venezia'], ['Parma'], ['Cremonese'], ['Palermo'],
  ['Benevento'], ['Brescia'], ['Crotone'], ['Chievo', 'ChievoVerona'], ['Pescara'], ['SPAL', 'Spal'], ['Carpi'],
  ['Cesena'],
  // Spain
  ['Real Madrid'], ['Barcelona', 'FC Barcelona', 'Barça', 'Barca', 'Barcellona', 'Barcelone'],
  ['Atlético Madrid', 'Atlético de Madrid', 'Atletico Madrid', 'Atleti'], ['Sevilla', 'Siviglia', 'Séville', 'Seville'],
  ['Real Betis', 'Betis'], ['Real Sociedad'], ['Villarreal'], ['Athletic Bilbao', 'Athletic Club', 'Athletic'],
  ['Valencia', 'Valence'], ['Celta Vigo', 'Celta'], ['Osasuna'], ['Getafe'], ['Girona'], ['Rayo Vallecano', 'Rayo'],
  ['Mallorca', 'Maiorca', 'Majorque'], ['Las Palmas'], ['Alavés', 'Deportivo Alavés'], ['Granada'], ['Cádiz'],
  ['Almería'], ['Espanyol'], ['Elche'], ['Levante'], ['Leganés'], ['Real Valladolid', 'Valladolid'], ['Eibar'],
  ['Huesca'], ['Deportivo La Coruña', 'Deportivo'], ['Málaga'], ['Sporting Gijón', 'Sporting de Gijón'], ['Córdoba'],
  // Germany
  ['Bayern Munich', 'Bayern München', 'FC Bayern', 'Bayern Monaco', 'Bayern Múnich', 'Bayern Munique', 'Bayern'],
  ['Borussia Dortmund', 'Dortmund', 'BVB'], ['RB Leipzig', 'Leipzig', 'Lipsia', 'RasenBallsport Leipzig'],
  ['Bayer Leverkusen', 'Leverkusen', 'Bayer 04 Leverkusen'],
  ['Eintracht Frankfurt', 'Eintracht', 'Frankfurt', 'Francoforte'], ['VfB Stuttgart', 'Stuttgart', 'Stoccarda'],
  ['VfL Wolfsburg', 'Wolfsburg'], ['Borussia Mönchengladbach', 'Mönchengladbach', 'Gladbach'],
  ['SC Freiburg', 'Freiburg', 'Friburgo'], ['Hoffenheim', 'TSG Hoffenheim'], ['Union Berlin'],
  ['Werder Bremen', 'Werder', 'Bremen'], ['Augsburg'], ['Mainz 05', 'Mainz'], ['VfL Bochum', 'Bochum'],
  ['1. FC Köln', 'FC Köln', 'Köln', 'Colonia'], ['Heidenheim'], ['Darmstadt 98', 'Darmstadt'], ['Schalke 04', 'Schalke'],
  ['Hertha BSC', 'Hertha', 'Hertha Berlin'], ['Hamburger SV', 'HSV', 'Amburgo'], ['Hannover 96', 'Hannover'],
  ['Fortuna Düsseldorf'], ['Arminia Bielefeld'], ['Greuther Fürth'], ['Paderborn'], ['Nürnberg'], ['Ingolstadt'],
  ['St. Pauli'],
  // France
  ['Paris Saint-Germain', 'PSG', 'Paris SG', 'Paris'],
  ['Marseille', 'Olympique de Marseille', 'Olympique Marseille', 'OM', 'Marsiglia', 'Marselha'],
  ['Lyon', 'Olympique Lyonnais', 'Olympique Lyon', 'OL', 'Lione'], ['Monaco', 'AS Monaco'],
  ['Lille', 'LOSC', 'LOSC Lille'], ['Rennes', 'Stade Rennais'], ['Nice', 'OGC Nice', 'Nizza'], ['Lens', 'RC Lens'],
  ['Nantes'], ['Strasbourg', 'Racing Strasbourg', 'Strassburg'], ['Montpellier'], ['Reims', 'Stade de Reims'],
  ['Toulouse'], ['Brest', 'Stade Brestois'], ['Lorient'], ['Clermont Foot', 'Clermont'], ['Metz'], ['Le Havre'],
  ['Bordeaux', 'Girondins'], ['Saint-Étienne', 'ASSE'], ['Angers'], ['Auxerre'], ['Troyes'], ['Ajaccio'], ['Guingamp'],
  ['Caen'], ['Dijon'], ['Nîmes'], ['Amiens'], ['Nancy'], ['Bastia'],
  // Frequent partners outside the big five
  ['Benfica'], ['Porto', 'FC Porto'], ['Sporting CP', 'Sporting', 'Sporting Lisbon', 'Sporting Lisboa'],
  ['Braga', 'Sporting Braga'], ['Ajax'], ['PSV Eindhoven', 'PSV'], ['Feyenoord'], ['Celtic'], ['Rangers'],
  ['Galatasaray'], ['Fenerbahçe'], ['Beşiktaş'], ['Al-Hilal', 'Al Hilal'], ['Al-Nassr', 'Al Nassr'],
  ['Al-Ittihad', 'Al Ittihad'], ['Al-Ahli', 'Al Ahli'], ['Red Bull Salzburg', 'RB Salzburg', 'Salzburg'],
  ['Shakhtar Donetsk', 'Shakhtar'], ['Club Brugge', 'Bruges'], ['Basel', 'FC Basel', 'Basilea', 'Bâle'],
  ['Young Boys'], ['Zenit'], ['Flamengo'], ['Palmeiras'], ['Santos'], ['Corinthians'], ['São Paulo'],
  ['River Plate'], ['Boca Juniors', 'Boca'], ['Inter Miami'],
];
